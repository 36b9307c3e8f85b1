/**
 * `--json` output: the analysis result itself, serialized, so text and JSON never disagree.
 * One document on stdout; bigints (epoch nanoseconds) written as decimal strings.
 */
export function renderJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}
