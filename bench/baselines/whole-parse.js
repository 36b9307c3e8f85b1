#!/usr/bin/env node
/**
 * Baseline 1: read the whole file (gunzip it if gzip), `JSON.parse` it (each line, for JSON lines),
 * then aggregate. The simplest fast script: it needs the file, its text and its object tree in memory.
 *
 *   node bench/baselines/whole-parse.js <jaeger|zipkin|otlp|otlp-lines> <latency|traces> <file>
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { byTrace, report, spansOf } from './aggregate.js';

const [format, command, path] = process.argv.slice(2);
let bytes = readFileSync(path);
if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
const text = bytes.toString('utf8');
bytes = undefined;
const spans = [];
if (format === 'otlp-lines') {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    for (const rs of JSON.parse(line).resourceSpans) spansOf('otlp', rs, spans);
  }
} else {
  const doc = JSON.parse(text);
  const records = format === 'jaeger' ? doc.data : format === 'zipkin' ? doc : doc.resourceSpans;
  for (const record of records) spansOf(format, record, spans);
}
report(command, byTrace(spans));
