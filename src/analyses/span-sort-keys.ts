/**
 * The orders `tracectl spans` lists spans in. Apart from the analysis so the command line can list
 * and check them at start-up without loading it. A leading `-` reverses the order.
 */
export const SPAN_SORT_KEYS = ['duration', '-duration', 'start', '-start'] as const;
export type SpanSortKey = (typeof SPAN_SORT_KEYS)[number];
