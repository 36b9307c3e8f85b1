/**
 * The orders `tracectl spans` lists spans in, and how many it shows by default. Apart from the
 * analysis so the command line can list and check them at start-up without loading it.
 */

/** A leading `-` reverses the order: `duration` is longest first, `start` earliest first. */
export const SPAN_SORT_KEYS = ['duration', '-duration', 'start', '-start'] as const;
export type SpanSortKey = (typeof SPAN_SORT_KEYS)[number];

/** Rows shown when --limit is not given: a screenful, with a notice when more matched. */
export const DEFAULT_SPAN_LIMIT = 50;
