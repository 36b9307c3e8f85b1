/**
 * The sink of `tracectl ui --listen`: every request goes to a dump writer (a file with `-o`, else one
 * that keeps nothing), so the live view gets record's ordering, backpressure and atomic dump for
 * free, and each filled slot's line is also decoded to spans, with the decoder `tracectl` reads dumps
 * with, and handed on as they arrive. The receiver still knows nothing of screens, the view nothing
 * of HTTP.
 */
import { isObject } from '../formats/decoder.js';
import { otlpDecoder } from '../formats/otlp/decoder.js';
import type { Span } from '../model/span.js';
import type { DumpWriter } from './dump-writer.js';
import type { RequestSink, Slot } from './request-sink.js';

export class SpanFeed implements RequestSink {
  constructor(
    private readonly writer: DumpWriter,
    private readonly onSpans: (spans: Span[]) => void,
  ) {}

  async admit(expectedBytes: number, signal: AbortSignal): Promise<Slot> {
    const slot = await this.writer.admit(expectedBytes, signal);
    return {
      fill: (line) => {
        slot.fill(line);
        if (line !== undefined) this.onSpans(spansOf(line));
      },
    };
  }
}

/** A line is one OTLP JSON request the receiver itself wrote or checked, so it parses. */
function spansOf(line: Buffer): Span[] {
  const record: unknown = JSON.parse(line.toString('utf8'));
  if (!isObject(record)) return [];
  return otlpDecoder.decode(record, { file: 'live' }).spans;
}
