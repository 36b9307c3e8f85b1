/**
 * Trace ids as OTLP wants them: 16 bytes. tracectl shortens a 128-bit id whose high half is zero to
 * 64 bits (so Zipkin's 64-bit ids meet the same id padded by a bridge); OTLP gets the zeros back,
 * and the decoder shortens them again. Ids that are not hex are written as they were kept.
 */
const HEX16 = /^[0-9a-f]{16}$/;

export function otlpTraceId(traceId: string): string {
  return HEX16.test(traceId) ? `0000000000000000${traceId}` : traceId;
}
