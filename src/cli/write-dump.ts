/**
 * Writing a dump of traces, shared by `convert` and `sample`: the wire encoder for a target format,
 * and the pump that streams items through an encoder into a sink, committing only a complete output
 * (a file is written aside and renamed at the end: output-sink.ts).
 */
import { type DumpEncoder, type SpanGroup, type WireTarget } from '../formats/encode/contract.js';
import { jaegerEncoder } from '../formats/jaeger/encode.js';
import { otlpEncoder, otlpJsonlEncoder } from '../formats/otlp/encode.js';
import { zipkinEncoder } from '../formats/zipkin/encode.js';
import type { OutputSink } from '../output/output-sink.js';

export function wireEncoder(target: WireTarget): DumpEncoder<SpanGroup> {
  switch (target) {
    case 'jaeger':
      return jaegerEncoder();
    case 'zipkin':
      return zipkinEncoder();
    case 'otlp':
      return otlpEncoder();
    case 'otlp-jsonl':
      return otlpJsonlEncoder();
  }
}

export interface Counts {
  traces: number;
  spans: number;
}

/** Streams `items` into the sink `open` makes; the sink is opened only once the first item (or the end) is there. */
export async function pump<T>(items: AsyncIterator<T> | Iterator<T>, encoder: DumpEncoder<T>, open: () => Promise<OutputSink>, size: (item: T) => number): Promise<Counts> {
  const counts = { traces: 0, spans: 0 };
  // Reading finishes before the first item arrives: an input error leaves no output behind.
  const first = await items.next();
  const sink = await open();
  try {
    await sink.write(encoder.head());
    for (let next = first; next.done !== true; next = await items.next()) {
      counts.traces++;
      counts.spans += size(next.value);
      await sink.write(encoder.trace(next.value));
    }
    await sink.write(encoder.tail());
    await sink.commit();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  return counts;
}
