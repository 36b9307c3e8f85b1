#!/usr/bin/env node
/**
 * Baseline 2: a plain stream-json pipeline (parser → pick → streamArray; for JSON lines, a streaming
 * parser → streamValues), each record handed to the same aggregation as the whole-file baseline.
 * Small memory, but every byte goes through stream-json's JavaScript tokenizer.
 *
 *   node bench/baselines/stream-json.js <jaeger|zipkin|otlp|otlp-lines> <latency|traces> <file>
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json/parser.js';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { byTrace, report, spansOf } from './aggregate.js';

const [format, command, path] = process.argv.slice(2);

async function source() {
  const file = createReadStream(path);
  const it = file[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.value;
  const rest = Readable.from((async function* () {
    if (head !== undefined) yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })());
  return head !== undefined && head[0] === 0x1f && head[1] === 0x8b ? rest.pipe(createGunzip()) : rest;
}

const stages =
  format === 'otlp-lines'
    ? [parser({ jsonStreaming: true }), streamValues()]
    : format === 'zipkin'
      ? [parser(), streamArray()]
      : [parser(), pick({ filter: format === 'jaeger' ? 'data' : 'resourceSpans' }), streamArray()];

const spans = [];
const pipeline = chain([await source(), ...stages]);
pipeline.on('data', ({ value }) => {
  if (format === 'otlp-lines') for (const rs of value.resourceSpans) spansOf('otlp', rs, spans);
  else spansOf(format, value, spans);
});
await new Promise((resolve, reject) => {
  pipeline.on('end', resolve);
  pipeline.on('error', reject);
});
report(command, byTrace(spans));
