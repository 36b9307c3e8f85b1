/**
 * Clock-skew correction and Zipkin piece merging on the real Zipkin dumps (../shared/real-traces):
 * which spans move, and by how much, pinned span by span. docs/internals/trees.md gives these
 * numbers next to what the previous rule (Jaeger's: every child on another host that does not fit
 * in its parent) moved on the same dumps. Read on both paths: full spans and compact ones.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL, realDumps } from '../helpers/real-dumps.js';
import { readDumpFile } from '../reference/read-dump.js';

/** Spans moved, as `spanId kind service shiftNs`, by dump; every other Zipkin dump moves none. */
const MOVED: Readonly<Record<string, readonly string[]>> = {
  // The auth-service server starts 5.1 ms after its client ended: centred in it; its child moves with it.
  'zipkin__ascend.json': ['52b1ab4956917c39 server auth-service -14206000', '80c0d1d62f437a1b internal auth-service -14206000'],
  // zipkin-lens's own skew example: the server starts 65.4 ms before its client.
  'zipkin__skew.json': ['74280ae0c10d8062 server serviceb 65922000', '43210ae0c10d1234 internal serviceb 65922000'],
  // 957 spans: the one server that starts (162 µs) after its client ended.
  'zipkin__smartthings-mobile-web-install.json': ['7e83291848ef55f7 server execution -32172500'],
};

const ZIPKIN = [...realDumps('zipkin-v1'), ...realDumps('zipkin-v2')];

describe.each(['full', 'compact'] as const)('real Zipkin dumps, %s spans', (detail) => {
  it.each(ZIPKIN.map((f) => [f.slice(REAL.length), f]))('%s: the spans that move for clock skew', async (_name, file) => {
    const read = await readDumpFile(file, detail);
    const moved = read.traces.flatMap((t) => t.nodes.filter((n) => n.skewNs !== 0).map((n) => `${n.span.spanId} ${n.span.kind} ${n.span.service} ${n.skewNs}`));
    const expected = MOVED[file.split('/').pop()!] ?? [];
    expect(moved).toEqual(expected);
    // Each moved span is flagged and warned about, and nothing else is.
    expect(read.traces.flatMap((t) => t.nodes.filter((n) => n.flags.includes('clock-skew')))).toHaveLength(expected.length);
    expect(read.warnings.filter((w) => w.code === 'clock-skew')).toHaveLength(expected.length);
  });

  it('SmartThings: every shared server under its client, pieces merged, no id left ambiguous', async () => {
    const mobile = await readDumpFile(join(REAL, 'zipkin-v2/zipkin__smartthings-mobile-web-install.json'), detail);
    expect(mobile.traces.map((t) => t.nodes.length)).toEqual([957]); // 1041 spans, 84 untimed pieces merged into their servers
    expect(mobile.warnings.filter((w) => w.code === 'duplicate-span-id')).toEqual([]);
    const oauth = await readDumpFile(join(REAL, 'zipkin-v2/zipkin__smartthings-oauth-authorization.json'), detail);
    expect(oauth.traces.map((t) => t.nodes.length)).toEqual([175]);
    expect(oauth.warnings.filter((w) => w.code === 'duplicate-span-id')).toEqual([]);
    // One message sent (bouncer) and received five times (pusher, on two hosts): five receives under the send.
    const send = oauth.traces[0]!.nodes.filter((n) => n.span.operation === 'send iot-events360' && n.span.kind === 'client');
    expect(send.map((n) => n.children.map((c) => `${c.span.service}@${c.span.host}`).sort())).toEqual([
      ['pusher@10.0.0.187', 'pusher@10.0.0.187', 'pusher@10.0.0.187', 'pusher@10.0.0.79', 'pusher@10.0.0.79'],
    ]);
  });

  it('Netflix: the pieces of one client span (annotations sent apart, no endpoint) are merged into it', async () => {
    const read = await readDumpFile(join(REAL, 'zipkin-v2/zipkin__netflix.json'), detail);
    expect(read.traces[0]!.nodes.map((n) => `${'  '.repeat(n.depth)}${n.span.service} ${n.span.kind}`)).toEqual([
      'apip server',
      '  apip client', // a client span without a duration, at the start of the trace
      '  apip client',
      '    api server',
      '      api client',
      '        session_logs server',
    ]);
    expect(read.warnings.filter((w) => w.code === 'duplicate-span-id')).toEqual([]);
  });

  // openzipkin/zipkin:zipkin-lens/src/zipkin/span-cleaner.test.js "mergeV2ById > should delete accidental
  // shared flag", on zipkin-lens/testdata/yelp.json (this dump): if instrumentation accidentally added
  // the shared flag on a server root span, it is deleted so the tree is processed properly.
  it('Yelp: the shared flag a root server was given by mistake is dropped', async () => {
    const read = await readDumpFile(join(REAL, 'zipkin-v2/zipkin__yelp.json'), detail);
    const trace = read.traces[0]!;
    expect(trace.nodes).toHaveLength(16);
    expect(trace.root.span.parentId).toBeUndefined();
    expect(trace.root.span.shared).toBeUndefined();
  });
});
