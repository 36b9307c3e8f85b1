/**
 * The values the analyses' options take. Declared apart from the analyses so the command line can
 * list them in --help and check them while parsing flags without loading any analysis: a command's
 * code loads only when that command runs.
 */

export type LatencyGroupBy = 'service' | 'operation';

/** Latency sort keys besides `p<N>` (one of the requested percentiles). */
export const LATENCY_SORT_KEYS = ['count', 'errors', 'error-rate', 'mean', 'max', 'rate', 'name'] as const;
export type LatencySortKey = (typeof LATENCY_SORT_KEYS)[number] | `p${string}`;

export type TraceSortKey = 'start' | 'duration' | 'spans' | 'errors';
export const TRACE_SORT_KEYS: readonly TraceSortKey[] = ['start', 'duration', 'spans', 'errors'];
