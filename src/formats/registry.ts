/**
 * Every wire format tracectl reads. Order matters only for records more than one decoder would
 * accept; each decoder's `accepts` looks at distinguishing keys, so in practice at most one does.
 */
import type { FormatName } from '../model/span.js';
import type { FormatDecoder, RecordHint } from './decoder.js';
import { jaegerDecoder } from './jaeger/decoder.js';
import { otlpDecoder } from './otlp/decoder.js';
import { zipkinDecoder } from './zipkin/decoder.js';

const DECODERS: readonly FormatDecoder[] = [otlpDecoder, jaegerDecoder, zipkinDecoder];

/** The decoder for a record: the forced one, or the first that accepts it; undefined when none does. */
export function decoderFor(record: unknown, hint: RecordHint, forced?: FormatName): FormatDecoder | undefined {
  if (forced !== undefined) return DECODERS.find((d) => d.name === forced);
  return DECODERS.find((d) => d.accepts(record, hint));
}
