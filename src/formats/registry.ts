/**
 * Every wire format tracectl reads. Order matters only for records more than one decoder would
 * accept; each decoder's `accepts` looks at distinguishing keys, so in practice at most one does.
 */
import type { FormatName } from '../model/span.js';
import type { DecodeContext, Decoded, FormatDecoder, RecordHint } from './decoder.js';
import { jaegerDecoder } from './jaeger/decoder.js';
import { otlpDecoder } from './otlp/decoder.js';
import { zipkinDecoder } from './zipkin/decoder.js';

export const DECODERS: readonly FormatDecoder[] = [otlpDecoder, jaegerDecoder, zipkinDecoder];

export const FORMAT_NAMES: readonly FormatName[] = DECODERS.map((d) => d.name);

/** The decoder for a record: the forced one, or the first that accepts it; undefined when none does. */
export function decoderFor(record: unknown, hint: RecordHint, forced?: FormatName): FormatDecoder | undefined {
  if (forced !== undefined) return DECODERS.find((d) => d.name === forced);
  return DECODERS.find((d) => d.accepts(record, hint));
}

export function decodeWith(decoder: FormatDecoder, record: unknown, ctx: DecodeContext): Decoded {
  return decoder.decode(record, ctx);
}
