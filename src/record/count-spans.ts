/**
 * Spans in an OTLP JSON request, for the receiver's summary and for skipping empty requests.
 * Looks only at the structure the protobuf mapping defines (`resourceSpans[].scopeSpans[].spans`,
 * and the pre-0.15 `instrumentationLibrarySpans`), tolerating anything odd by counting nothing.
 */
export function countSpans(request: unknown): number {
  let spans = 0;
  for (const rs of listOf(request, 'resourceSpans')) {
    for (const ss of [...listOf(rs, 'scopeSpans'), ...listOf(rs, 'instrumentationLibrarySpans')]) {
      spans += listOf(ss, 'spans').length;
    }
  }
  return spans;
}

function listOf(holder: unknown, key: string): readonly unknown[] {
  if (typeof holder !== 'object' || holder === null) return [];
  const value = (holder as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : [];
}
