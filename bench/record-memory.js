#!/usr/bin/env node
/**
 * `npm run bench:record`: the peak memory of `tracectl record` while many exporters send at once,
 * and with `--mode ui`, of `tracectl ui --listen -o <dump>` receiving the same way (the live view
 * decodes every request into spans and holds up to `--max-spans` of them, so it is the receiver plus
 * the catalog). The UI needs a terminal: it runs under `script` (util-linux), which gives it a
 * pseudo-terminal (200×40, so the status line fits), and is quit with the `q` key once everything is sent.
 *
 * Starts the built binary (`record --port 0 -o <dump>`), then 64 concurrent exporters (keep-alive
 * connections, one request at a time each, like an OpenTelemetry batch exporter) post OTLP/HTTP
 * requests of 250 spans until the total is sent; then SIGINT, and the dump is checked: every
 * acknowledged span must be in it (spans counted in the file, not taken from record's summary).
 * Peak RSS is the process's own `resourceUsage().maxRSS` at exit (bench/rss-hook.js, preloaded), so it
 * covers receiving and writing the dump into place. The exporters run in this process.
 *
 * Usage: node bench/record-memory.js [--spans 500000,2000000] [--encoding json|protobuf]
 *        [--exporters 64] [--batch 250] [--bin path/to/tracectl.js]
 *        [--mode record|ui] [--max-spans 1000000,100000 (ui: one run per limit; "default" for none)]
 * `--bin` measures another build (the main branch's, say) on the same machine.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '500000' },
    encoding: { type: 'string', default: 'json' },
    exporters: { type: 'string', default: '64' },
    batch: { type: 'string', default: '250' },
    bin: { type: 'string', default: `${ROOT}bin/tracectl.js` },
    mode: { type: 'string', default: 'record' },
    'max-spans': { type: 'string', default: 'default' },
  },
});
const EXPORTERS = Number(args.exporters);
const BATCH = Number(args.batch);
const SERVICES = ['frontend', 'cart', 'checkout', 'payment', 'inventory', 'shipping', 'email', 'ads'];
const log = (s) => process.stderr.write(`${s}\n`);

const hex = (n, width) => n.toString(16).padStart(width, '0');

/** One exporter's request: 250 spans of ~10 traces from one service, with the usual attributes. */
function spansOf(exporter, request) {
  const spans = [];
  const base = 1_700_000_000_000_000_000n + BigInt(request) * 1_000_000_000n;
  for (let i = 0; i < BATCH; i++) {
    const trace = exporter * 1_000_000 + request * 10 + Math.floor(i / 25);
    const start = base + BigInt(i) * 1_000_000n;
    spans.push({
      traceId: hex(trace, 32),
      spanId: hex(exporter * 1e9 + request * 1000 + i + 1, 16),
      parentSpanId: i % 25 === 0 ? '' : hex(exporter * 1e9 + request * 1000 + i, 16),
      name: i % 25 === 0 ? 'GET /api/cart' : `SELECT cart_items ${i % 7}`,
      kind: i % 25 === 0 ? 2 : 3,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + BigInt(200_000 + i * 1000)),
      attributes: [
        { key: 'http.request.method', value: { stringValue: 'GET' } },
        { key: 'url.path', value: { stringValue: `/api/cart/${request}` } },
        { key: 'db.system', value: { stringValue: 'postgresql' } },
        { key: 'db.statement', value: { stringValue: 'SELECT * FROM cart_items WHERE cart_id = $1' } },
        { key: 'net.peer.port', value: { intValue: '5432' } },
      ],
      status: i % 50 === 49 ? { code: 2, message: 'deadline exceeded' } : {},
    });
  }
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: SERVICES[exporter % SERVICES.length] } }] },
        scopeSpans: [{ scope: { name: 'bench', version: '1.0.0' }, spans }],
      },
    ],
  };
}

// ---- a minimal protobuf writer for ExportTraceServiceRequest (the fields spansOf uses) ----------

function varint(n) {
  const out = [];
  let v = BigInt(n);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}
const tag = (field, wire) => varint((field << 3) | wire);
const lenField = (field, bytes) => Buffer.concat([tag(field, 2), varint(bytes.length), bytes]);
const str = (field, s) => lenField(field, Buffer.from(s));
const fixed64 = (field, v) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return Buffer.concat([tag(field, 1), b]);
};
const anyValue = (v) => (v.stringValue !== undefined ? str(1, v.stringValue) : Buffer.concat([tag(3, 0), varint(v.intValue)]));
const keyValue = (field, kv) => lenField(field, Buffer.concat([str(1, kv.key), lenField(2, anyValue(kv.value))]));

function protobufOf(req) {
  const rs = req.resourceSpans[0];
  const ss = rs.scopeSpans[0];
  const spans = ss.spans.map((s) =>
    lenField(
      2,
      Buffer.concat([
        lenField(1, Buffer.from(s.traceId, 'hex')),
        lenField(2, Buffer.from(s.spanId, 'hex')),
        ...(s.parentSpanId ? [lenField(4, Buffer.from(s.parentSpanId, 'hex'))] : []),
        str(5, s.name),
        tag(6, 0),
        varint(s.kind),
        fixed64(7, s.startTimeUnixNano),
        fixed64(8, s.endTimeUnixNano),
        ...s.attributes.map((a) => keyValue(9, a)),
        lenField(15, s.status.code ? Buffer.concat([str(2, s.status.message), tag(3, 0), varint(s.status.code)]) : Buffer.alloc(0)),
      ]),
    ),
  );
  const scope = lenField(1, Buffer.concat([str(1, ss.scope.name), str(2, ss.scope.version)]));
  const resource = lenField(1, Buffer.concat(rs.resource.attributes.map((a) => keyValue(1, a))));
  return lenField(1, Buffer.concat([resource, lenField(2, Buffer.concat([scope, ...spans]))]));
}

// ---- one measured run ------------------------------------------------------------------------------

/** Spans in the dump: each span has exactly one `"spanId":` key (parents are `"parentSpanId":`). */
async function spansInDump(path) {
  const needle = Buffer.from('"spanId":');
  let spans = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) {
    const buf = Buffer.concat([carry, chunk]);
    let at = buf.indexOf(needle);
    while (at !== -1) {
      spans++;
      at = buf.indexOf(needle, at + needle.length);
    }
    carry = buf.subarray(buf.length - (needle.length - 1));
  }
  return spans;
}

/** The process under test, started; resolves with its base URL once it listens. */
function startReceiver(dump, rssFile, maxSpans) {
  const hook = new URL('./rss-hook.js', import.meta.url).href;
  const env = { ...process.env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}` };
  if (args.mode === 'ui') {
    const limit = maxSpans === 'default' ? '' : ` --max-spans ${maxSpans}`;
    const command = `stty cols 200 rows 40; exec '${process.execPath}' '${args.bin}' ui --listen --port 0 -o '${dump}'${limit}`;
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    // The screen as drawn (escape sequences and all); only its end is kept.
    let screen = '';
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const base = new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        screen = (screen + chunk).slice(-65536);
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(screen);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`ui exited early: ${screen}`)));
    });
    return { base, exited, stop: () => child.stdin.write('q'), output: () => screen };
  }
  const child = spawn(process.execPath, [args.bin, 'record', '--port', '0', '-o', dump], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const base = new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /receiving OTLP\/HTTP on (http:\/\/\S+)\/v1\/traces/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`record exited early: ${stderr}`)));
  });
  return { base, exited, stop: () => child.kill('SIGINT'), output: () => stderr };
}

async function measure(totalSpans, encoding, maxSpans) {
  const dir = mkdtempSync(join(tmpdir(), 'tracectl-bench-record-'));
  const dump = join(dir, 'dump.jsonl');
  const rssFile = join(dir, 'usage.json');
  const receiver = startReceiver(dump, rssFile, maxSpans);
  const base = await receiver.base;

  // Each exporter sends a few distinct bodies in turn (generated up front, so the exporters cost
  // little CPU next to the receiver on a small machine).
  const bodies = [];
  for (let e = 0; e < EXPORTERS; e++) {
    const own = [];
    for (let r = 0; r < 4; r++) {
      const req = spansOf(e, r);
      own.push(encoding === 'json' ? Buffer.from(JSON.stringify(req)) : protobufOf(req));
    }
    bodies.push(own);
  }
  // The live view holds traces, so in ui mode every request brings new ones (as live traffic does):
  // the first 8 hex digits of each trace id become the request's number. The bodies repeat
  // otherwise, and a trace would grow by the same 25 spans on every round.
  const fresh = args.mode === 'ui' && encoding === 'json';
  const requestIdOf = fresh ? bodies.map((own) => own.map((b) => b.toString('latin1'))) : undefined;
  const requests = Math.ceil(totalSpans / BATCH);
  const agent = new Agent({ keepAlive: true, maxSockets: EXPORTERS });
  const contentType = encoding === 'json' ? 'application/json' : 'application/x-protobuf';
  let next = 0;
  let acknowledged = 0;
  let failed = 0;
  /** Why requests failed: an HTTP status, or the socket error's code. */
  const failures = new Map();
  let sentBytes = 0;
  const post = (body) =>
    new Promise((resolve) => {
      const req = request(`${base}/v1/traces`, { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': body.length } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', (err) => resolve(err.code ?? err.message));
      req.end(body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: EXPORTERS }, async (_, e) => {
      for (let r = 0; next < requests; r++) {
        const number = next++;
        const body = fresh
          ? Buffer.from(requestIdOf[e][r % bodies[e].length].replaceAll('"traceId":"00000000', `"traceId":"${hex(number, 8)}`), 'latin1')
          : bodies[e][r % bodies[e].length];
        sentBytes += body.length;
        const answer = await post(body);
        if (answer === 200) acknowledged++;
        else {
          failed++;
          failures.set(answer, (failures.get(answer) ?? 0) + 1);
        }
      }
    }),
  );
  const receiveS = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  receiver.stop();
  const code = await receiver.exited;
  const totalS = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${args.mode} exited ${code}: ${receiver.output()}`);
  // The UI's status line, last drawn: how many traces --max-spans let go.
  const dropped = /([\d,]+) oldest traces? dropped \(([\d,]+) spans?/g;
  let last;
  for (const m of receiver.output().matchAll(dropped)) last = m;
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  const inDump = await spansInDump(dump);
  rmSync(dir, { recursive: true, force: true });
  return {
    spans: totalSpans,
    encoding,
    maxSpans,
    droppedTraces: last === undefined ? 0 : Number(last[1].replaceAll(',', '')),
    acknowledgedSpans: acknowledged * BATCH,
    failedRequests: failed,
    failures: [...failures].map(([why, n]) => `${n}× ${why}`).join(', '),
    spansInDump: inDump,
    sentMB: sentBytes / 2 ** 20,
    peakRssMB: usage.maxRSS / 1024,
    receiveS,
    totalS,
  };
}

const results = [];
const limits = args.mode === 'ui' ? args['max-spans'].split(',') : ['-'];
for (const encoding of args.encoding.split(',')) {
  for (const spans of args.spans.split(',').map(Number)) {
    for (const maxSpans of limits) {
      const what = args.mode === 'ui' ? `ui --listen (--max-spans ${maxSpans})` : 'record';
      log(`${what}: ${spans} spans, ${encoding}, ${EXPORTERS} exporters of ${BATCH}-span requests ...`);
      const r = await measure(spans, encoding, maxSpans);
      log(`  peak RSS ${r.peakRssMB.toFixed(0)} MB, ${r.acknowledgedSpans} spans acknowledged, ${r.spansInDump} in the dump, ${r.failedRequests} requests failed${r.failures ? ` (${r.failures})` : ''}, ${r.receiveS.toFixed(1)} s receiving, ${r.totalS.toFixed(1)} s in all`);
      results.push(r);
    }
  }
}
const uiColumns = args.mode === 'ui';
console.log(`| spans | encoding |${uiColumns ? ' --max-spans | traces dropped |' : ''} MB sent | peak RSS MB | acknowledged | in the dump | failed requests | receiving s | total s |`);
console.log(`|---|---|${uiColumns ? '---|---|' : ''}---|---|---|---|---|---|---|`);
for (const r of results) {
  const ui = uiColumns ? ` ${r.maxSpans} | ${r.droppedTraces} |` : '';
  console.log(`| ${r.spans} | ${r.encoding} |${ui} ${r.sentMB.toFixed(0)} | ${r.peakRssMB.toFixed(0)} | ${r.acknowledgedSpans} | ${r.spansInDump} | ${r.failedRequests} | ${r.receiveS.toFixed(1)} | ${r.totalS.toFixed(1)} |`);
}
if (results.some((r) => r.spansInDump !== r.acknowledgedSpans || r.failedRequests > 0)) {
  log('FAILED: acknowledged spans missing from the dump, or requests refused');
  process.exitCode = 1;
}
