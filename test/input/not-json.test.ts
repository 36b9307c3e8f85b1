/**
 * An input that is not JSON at all (an image, an archive, a protobuf export) says so, naming what
 * its first bytes are, rather than "unexpected byte 0x89 at line 1, column 1". Text that is not
 * JSON keeps the error at its place.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const HINT = "OTLP protobuf? tracectl reads OTLP JSON, as `tracectl record` and the Collector's file exporter write it";

/** A real OTLP protobuf export of two spans, as the OpenTelemetry JS exporter sends it. */
function otlpProtobuf(): Buffer {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'cart' }), spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer('t');
  tracer.startActiveSpan('GET /cart', (parent) => {
    tracer.startSpan('SELECT').end();
    parent.end();
  });
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans()) as Uint8Array);
}

describe('an input that is not JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracectl-binary-'));
  const file = (name: string, bytes: Buffer): string => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  it('a PNG image', async () => {
    const path = file('x.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect(await runCli(['traces', path])).toEqual({ stdout: '', stderr: `tracectl: ${path}: not JSON (starts with bytes 89 50 4e 47, a PNG image)\n`, status: 2 });
  });

  it.each([
    ['a zip archive', '504b0304140000000800', 'starts with bytes 50 4b 03 04, a zip archive'],
    ['a JPEG image', 'ffd8ffe000104a464946', 'starts with bytes ff d8 ff e0, a JPEG image'],
    ['zstd data', '28b52ffd0458610000', 'starts with bytes 28 b5 2f fd, zstd-compressed data (decompress it first: zstd -d)'],
    ['unknown binary data', '000102030405060708', `starts with bytes 00 01 02 03, binary data; ${HINT}`],
  ])('%s on stdin', async (_, hex, what) => {
    expect(await runCli(['traces'], { input: Buffer.from(hex, 'hex') })).toEqual({ stdout: '', stderr: `tracectl: stdin: not JSON (${what})\n`, status: 2 });
  });

  it('an OTLP protobuf export: not JSON, and what tracectl reads instead', async () => {
    const body = otlpProtobuf();
    expect(body[0]).toBe(0x0a); // field 1 (resource_spans), length-delimited
    const path = file('traces.pb', body);
    const r = await runCli(['traces', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tracectl: ${path}: not JSON (starts with bytes ${[...body.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}, binary data; ${HINT})\n`);
  });

  it('binary data inside gzip: the same message for what it inflates to', async () => {
    const r = await runCli(['traces'], { input: gzipSync(Buffer.from('89504e470d0a1a0a0000', 'hex')) });
    expect(r).toEqual({ stdout: '', stderr: 'tracectl: stdin: not JSON (starts with bytes 89 50 4e 47, a PNG image)\n', status: 2 });
  });

  it('text that is not JSON keeps the error at its place', async () => {
    expect((await runCli(['traces'], { input: 'hello, world\n' })).stderr).toBe("tracectl: stdin: malformed JSON at line 1, column 1: unexpected 'h': expected a JSON value\n");
    expect((await runCli(['traces'], { input: 'héllo' })).stderr).toBe("tracectl: stdin: malformed JSON at line 1, column 1: unexpected 'h': expected a JSON value\n");
  });
});
