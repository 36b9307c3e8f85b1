/**
 * Recognises a backend's "nothing found" answer, so the user hears "the query matched no traces"
 * instead of "not a trace dump". Only small bodies are looked at (an empty answer is tiny):
 * Jaeger `{"data":[]...}` / `{"data":null...}`, Zipkin `[]`, Tempo `{"traces":[]}` or `{}`, and OTLP
 * `{"resourceSpans":[]}` (also inside the api_v3 `result` and Tempo v2 `trace` wrappers).
 */
export const EMPTY_CHECK_BYTES = 4096;

export function isEmptyResult(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (Array.isArray(value)) return value.every((item) => Array.isArray(item) && item.length === 0);
  if (typeof value !== 'object' || value === null) return false;
  const obj = value as Record<string, unknown>;
  if (Object.keys(obj).length === 0) return true;
  for (const wrapper of ['result', 'trace']) {
    const inner = obj[wrapper];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      if (isEmptyResult(JSON.stringify(inner))) return true;
    }
  }
  for (const key of ['data', 'traces', 'resourceSpans', 'batches']) {
    if (!(key in obj)) continue;
    const list = obj[key];
    if (list === null || (Array.isArray(list) && list.length === 0)) return true;
  }
  return false;
}
