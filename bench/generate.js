#!/usr/bin/env node
/**
 * Writes realistic, deterministic trace dumps for the benchmark: many services, deep and wide trees
 * (RPCs as client/server pairs, internal work, database calls, messaging), errors with exception
 * events, attributes, logs. Same seed and size, same bytes.
 *
 *   node bench/generate.js --format otlp --mb 100 --seed 1 --out bench/out/otlp-100.json
 *   node bench/generate.js --format otlp --mb 100 --gzip --out bench/out/otlp-100.json.gz
 *   node bench/generate.js --format otlp --one-trace 1000000 --out bench/out/one-trace.json
 *   node bench/generate.js --format otlp --mb 100 --start 2024-05-01T00:00:00Z --out x.json (first trace then)
 *   node bench/generate.js --format otlp --spans 10000000 --out x.json (whole traces up to that many spans)
 *
 * Formats: jaeger (query-API `{"data":[trace...]}`), zipkin (v2 span array), otlp (one
 * `{"resourceSpans":[...]}` document) and otlp-lines (Collector file-exporter lines). OTLP output
 * scatters every trace across resources: spans are batched per service over a window of traces,
 * batches are shuffled, and a few spans arrive windows later (late exports), as a Collector does.
 *
 * Plain JavaScript (no build step), so `npm run bench` can generate before anything is compiled.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createGzip } from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const FORMATS = ['jaeger', 'zipkin', 'otlp', 'otlp-lines'];

// ---- randomness --------------------------------------------------------------------------------

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const hex = (chars) => {
    let s = '';
    while (s.length < chars) s += (int(0x10000000) + 0x10000000).toString(16).slice(1);
    return s.slice(0, chars);
  };
  /** Log-normal-ish duration: most short, a long tail. */
  const skewed = (median) => Math.max(1, Math.round(median * Math.exp((next() + next() + next() - 1.5) * 1.6)));
  return { next, int, pick, hex, skewed };
}

// ---- the world: services and what they do ------------------------------------------------------

const SERVICE_NAMES = [
  'frontend', 'api-gateway', 'checkout', 'cart', 'payment', 'shipping', 'inventory', 'auth', 'user-profile',
  'catalog', 'search', 'recommendation', 'ads', 'email', 'currency', 'quote', 'fraud-detection', 'accounting',
  'notification', 'pricing', 'review', 'session', 'media', 'geo',
];
const VERBS = ['Get', 'List', 'Create', 'Update', 'Delete', 'Check', 'Compute', 'Reserve', 'Charge', 'Send'];
const NOUNS = ['Order', 'Item', 'User', 'Cart', 'Price', 'Quote', 'Stock', 'Token', 'Session', 'Review', 'Image'];
const DB_SYSTEMS = ['postgresql', 'redis', 'mysql', 'mongodb'];
const TABLES = ['orders', 'items', 'users', 'carts', 'prices', 'stock', 'sessions', 'reviews'];
const ERROR_TYPES = ['java.net.SocketTimeoutException', 'io.grpc.StatusRuntimeException', 'ValueError', 'context.DeadlineExceeded'];

function buildWorld(r) {
  return SERVICE_NAMES.map((name, i) => {
    const ops = [];
    const n = 3 + r.int(6);
    for (let k = 0; k < n; k++) ops.push(`${r.pick(VERBS)}${r.pick(NOUNS)}`);
    const internal = [`process-${name}`, `validate`, `serialize`, `cache.lookup`];
    return {
      name,
      index: i,
      ops: [...new Set(ops)],
      internal,
      host: `${name}-${r.hex(6)}.prod.internal`,
      ip: `10.${i}.${r.int(256)}.${r.int(256)}`,
      version: `1.${r.int(20)}.${r.int(10)}`,
      pod: `${name}-${r.hex(8)}-${r.hex(5)}`,
      lang: r.pick(['java', 'go', 'python', 'nodejs', 'dotnet']),
    };
  });
}

// ---- traces as plain span records ---------------------------------------------------------------

/**
 * A span as the generator thinks of it; `start` and `duration` in microseconds, `ns` the extra
 * nanoseconds OTLP carries.
 */
function newSpan(traceId, parent, svc, name, kind, start, duration, r) {
  return {
    traceId,
    spanId: r.hex(16),
    parent,
    svc,
    name,
    kind,
    start,
    duration,
    // Sub-microsecond part of OTLP times: one per trace, so children stay inside their parents.
    ns: parent === undefined ? r.int(1000) : parent.ns,
    error: false,
    attrs: [],
    events: [],
  };
}

function httpAttrs(span, r, server) {
  const route = `/api/v${1 + r.int(2)}/${span.name.toLowerCase()}`;
  span.attrs.push(['http.method', r.pick(['GET', 'POST', 'PUT'])], ['http.route', route], ['http.status_code', span.error ? 500 + r.int(4) : 200]);
  if (server) span.attrs.push(['http.user_agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36'], ['net.host.name', span.svc.host]);
  else span.attrs.push(['net.peer.name', `${span.peer}.prod.internal`], ['http.url', `http://${span.peer}${route}?id=${r.int(1e6)}`]);
}

function markError(span, r) {
  span.error = true;
  const type = r.pick(ERROR_TYPES);
  span.statusMessage = `${type}: upstream ${span.name} failed after ${r.int(5000)}ms`;
  span.events.push({
    time: span.start + Math.floor(span.duration / 2),
    name: 'exception',
    attrs: [['exception.type', type], ['exception.message', span.statusMessage], ['exception.stacktrace', `${type}\n\tat ${span.svc.name}.handler(Handler.java:${r.int(900)})\n\tat server.dispatch(Server.java:${r.int(400)})`]],
  });
}

/**
 * One trace: a breadth-first expansion with an explicit queue (no recursion), bounded by `maxSpans`.
 * Server spans fan out into client calls (each with a server span in another service), internal work
 * and database calls; a few fan out wide; errors start at leaves and propagate up now and then.
 */
function makeTrace(world, r, startUs, maxSpans) {
  const traceId = r.hex(32);
  const spans = [];
  const rootSvc = world[r.int(2)];
  const root = newSpan(traceId, undefined, rootSvc, `${r.pick(['GET', 'POST'])} /${r.pick(NOUNS).toLowerCase()}`, 'server', startUs, r.skewed(40_000), r);
  spans.push(root);
  const queue = [{ span: root, depth: 0 }];
  for (let head = 0; head < queue.length && spans.length < maxSpans; head++) {
    const { span: parent, depth } = queue[head];
    if (parent.kind !== 'server' && parent.kind !== 'internal' && parent.kind !== 'consumer') continue;
    const wide = r.next() < 0.02;
    const fanout = depth > 7 ? 0 : wide ? 20 + r.int(60) : r.int(depth < 2 ? 6 : 4);
    let cursor = parent.start + Math.max(1, Math.floor(parent.duration * 0.05));
    for (let c = 0; c < fanout && spans.length < maxSpans; c++) {
      const room = parent.start + parent.duration - cursor;
      if (room < 2) break;
      const duration = Math.max(1, Math.min(room, r.skewed(parent.duration / (fanout + 1))));
      const start = cursor;
      cursor += wide ? Math.floor(room / (fanout - c + 1) / 4) : Math.floor(duration * (0.3 + r.next() * 0.8));
      const roll = r.next();
      const svc = parent.svc;
      if (roll < 0.45) {
        // An RPC: client span here, server span in another service under it.
        const callee = world[2 + r.int(world.length - 2)];
        const op = r.pick(callee.ops);
        const client = newSpan(traceId, parent, svc, op, 'client', start, duration, r);
        client.peer = callee.name;
        const server = newSpan(traceId, client, callee, op, 'server', start + Math.floor(duration * 0.05), Math.max(1, Math.floor(duration * 0.9)), r);
        server.peer = svc.name;
        httpAttrs(client, r, false);
        httpAttrs(server, r, true);
        spans.push(client, server);
        queue.push({ span: server, depth: depth + 1 });
      } else if (roll < 0.75) {
        const db = r.pick(DB_SYSTEMS);
        const span = newSpan(traceId, parent, svc, `${db === 'redis' ? 'GET' : 'SELECT'} ${r.pick(TABLES)}`, 'client', start, duration, r);
        span.attrs.push(['db.system', db], ['db.statement', `SELECT id, name, price, updated_at FROM ${r.pick(TABLES)} WHERE id = $1 AND tenant = $2 LIMIT ${1 + r.int(100)}`], ['net.peer.name', `${db}.prod.internal`], ['db.rows', r.int(500)]);
        spans.push(span);
      } else if (roll < 0.8) {
        const consumerSvc = world[2 + r.int(world.length - 2)];
        const producer = newSpan(traceId, parent, svc, `publish ${r.pick(NOUNS).toLowerCase()}-events`, 'producer', start, Math.max(1, Math.floor(duration / 10)), r);
        producer.peer = 'kafka';
        producer.attrs.push(['messaging.system', 'kafka'], ['messaging.destination', `${producer.name.slice(8)}`]);
        const consumer = newSpan(traceId, producer, consumerSvc, `process ${producer.name.slice(8)}`, 'consumer', start + duration, r.skewed(5000), r);
        consumer.attrs.push(['messaging.system', 'kafka'], ['messaging.operation', 'process']);
        spans.push(producer, consumer);
        queue.push({ span: consumer, depth: depth + 1 });
      } else {
        const span = newSpan(traceId, parent, svc, r.pick(svc.internal), 'internal', start, duration, r);
        span.attrs.push(['thread.name', `worker-${r.int(32)}`], ['code.function', `${svc.name}.${span.name}`]);
        spans.push(span);
        queue.push({ span, depth: depth + 1 });
      }
    }
  }
  // Errors: a few leaves fail; the failure climbs to callers now and then.
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if (!span.error && r.next() < 0.015) markError(span, r);
    if (span.error && span.parent !== undefined && !span.parent.error && r.next() < 0.5) markError(span.parent, r);
  }
  for (const span of spans) {
    if (r.next() < 0.2) {
      const n = 1 + r.int(3);
      for (let k = 0; k < n; k++) {
        span.events.push({ time: span.start + r.int(span.duration), name: r.pick(['cache miss', 'retry', 'acquired lock', 'sent response']), attrs: [['level', r.pick(['info', 'debug', 'warn'])], ['attempt', r.int(4)]] });
      }
    }
    span.attrs.push(['request.id', r.hex(12)]);
  }
  return spans;
}

// ---- encoders -----------------------------------------------------------------------------------

const str = JSON.stringify;
const nanos = (us, ns) => `${us}${String(ns).padStart(3, '0')}`;
const OTLP_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

function otlpValue(v) {
  return typeof v === 'number' ? `{"intValue":"${v}"}` : `{"stringValue":${str(v)}}`;
}
function otlpAttrs(attrs) {
  return `[${attrs.map(([k, v]) => `{"key":${str(k)},"value":${otlpValue(v)}}`).join(',')}]`;
}

function otlpSpan(s) {
  const end = s.start + s.duration;
  let out = `{"traceId":"${s.traceId}","spanId":"${s.spanId}","parentSpanId":"${s.parent ? s.parent.spanId : ''}","name":${str(s.name)},"kind":${OTLP_KIND[s.kind]},"startTimeUnixNano":"${nanos(s.start, s.ns)}","endTimeUnixNano":"${nanos(end, s.ns)}","attributes":${otlpAttrs(s.attrs)}`;
  if (s.events.length > 0) {
    out += `,"events":[${s.events.map((e) => `{"timeUnixNano":"${nanos(e.time, 0)}","name":${str(e.name)},"attributes":${otlpAttrs(e.attrs)}}`).join(',')}]`;
  }
  out += s.error ? `,"status":{"code":2,"message":${str(s.statusMessage)}}}` : ',"status":{}}';
  return out;
}

function otlpResourceSpans(svc, spans) {
  const resource = otlpAttrs([
    ['service.name', svc.name],
    ['service.version', svc.version],
    ['host.name', svc.host],
    ['k8s.pod.name', svc.pod],
    ['telemetry.sdk.language', svc.lang],
    ['telemetry.sdk.name', 'opentelemetry'],
  ]);
  return `{"resource":{"attributes":${resource}},"scopeSpans":[{"scope":{"name":"io.opentelemetry.${svc.lang}","version":"1.${svc.index}.0"},"spans":[${spans.map(otlpSpan).join(',')}]}]}`;
}

function jaegerValue(k, v) {
  return typeof v === 'number' ? `{"key":${str(k)},"type":"int64","value":${v}}` : `{"key":${str(k)},"type":"string","value":${str(v)}}`;
}

function jaegerTrace(spans) {
  const processes = new Map();
  for (const s of spans) if (!processes.has(s.svc)) processes.set(s.svc, `p${processes.size + 1}`);
  const spanText = spans.map((s) => {
    const tags = s.attrs.map(([k, v]) => jaegerValue(k, v));
    tags.push(`{"key":"span.kind","type":"string","value":"${s.kind}"}`);
    if (s.error) tags.push('{"key":"error","type":"bool","value":true}', jaegerValue('otel.status_description', s.statusMessage));
    const refs = s.parent ? `[{"refType":"${s.kind === 'consumer' ? 'FOLLOWS_FROM' : 'CHILD_OF'}","traceID":"${s.traceId}","spanID":"${s.parent.spanId}"}]` : '[]';
    const logs = s.events.map((e) => `{"timestamp":${e.time},"fields":[${[jaegerValue('event', e.name), ...e.attrs.map(([k, v]) => jaegerValue(k, v))].join(',')}]}`);
    return `{"traceID":"${s.traceId}","spanID":"${s.spanId}","operationName":${str(s.name)},"references":${refs},"startTime":${s.start},"duration":${s.duration},"tags":[${tags.join(',')}],"logs":[${logs.join(',')}],"processID":"${processes.get(s.svc)}","warnings":null,"flags":1}`;
  });
  const procText = [...processes].map(([svc, id]) => `"${id}":{"serviceName":${str(svc.name)},"tags":[${jaegerValue('hostname', svc.host)},${jaegerValue('ip', svc.ip)},${jaegerValue('jaeger.version', `${svc.lang}-1.${svc.index}`)}]}`);
  return `{"traceID":"${spans[0].traceId}","spans":[${spanText.join(',')}],"processes":{${procText.join(',')}},"warnings":null}`;
}

function zipkinSpan(s) {
  const tags = s.attrs.map(([k, v]) => `${str(k)}:${str(String(v))}`);
  if (s.error) tags.push(`"error":${str(s.statusMessage)}`);
  const kind = s.kind === 'internal' ? '' : `"kind":"${s.kind.toUpperCase()}",`;
  const remote = s.peer ? `,"remoteEndpoint":{"serviceName":${str(s.peer)}}` : '';
  const ann = s.events.length > 0 ? `,"annotations":[${s.events.map((e) => `{"timestamp":${e.time},"value":${str(e.name)}}`).join(',')}]` : '';
  const parent = s.parent ? `"parentId":"${s.parent.spanId}",` : '';
  return `{"traceId":"${s.traceId}",${parent}"id":"${s.spanId}",${kind}"name":${str(s.name.toLowerCase())},"timestamp":${s.start},"duration":${s.duration},"localEndpoint":{"serviceName":${str(s.svc.name)},"ipv4":"${s.svc.ip}"}${remote}${ann},"tags":{${tags.join(',')}}}`;
}

// ---- OTLP scattering ----------------------------------------------------------------------------

/**
 * Batches a window of traces the way a Collector exports them: per service, up to 60 spans a batch,
 * batches shuffled; ~4% of spans are held back 1-40 windows (late, from a slow exporter).
 */
class Scatterer {
  constructor(r) {
    this.r = r;
    this.late = new Map(); // window number -> spans
    this.window = 0;
  }
  batches(spans) {
    const r = this.r;
    const now = [];
    for (const s of spans) {
      if (r.next() < 0.04) {
        const at = this.window + 1 + r.int(40);
        const list = this.late.get(at) ?? [];
        list.push(s);
        this.late.set(at, list);
      } else now.push(s);
    }
    const due = this.late.get(this.window);
    if (due !== undefined) {
      this.late.delete(this.window);
      for (const s of due) now.push(s);
    }
    this.window++;
    return this.group(now);
  }
  /** Everything still held back. */
  flush() {
    const rest = [...this.late.values()].flat();
    this.late.clear();
    return this.group(rest);
  }
  group(spans) {
    const bySvc = new Map();
    for (const s of spans) {
      const list = bySvc.get(s.svc) ?? [];
      list.push(s);
      bySvc.set(s.svc, list);
    }
    const out = [];
    for (const [svc, list] of bySvc) for (let i = 0; i < list.length; i += 60) out.push(otlpResourceSpans(svc, list.slice(i, i + 60)));
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.r.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

// ---- the writer ---------------------------------------------------------------------------------

/**
 * Generates a dump of about `bytes` bytes (stops after the first trace that reaches it; `oneTrace`
 * instead writes a single trace of that many spans). `write(text)` receives the text in pieces and
 * may return a promise (backpressure). Returns counts: traces, spans, bytes.
 */
export async function generate({ format, bytes = 1 << 20, seed = 1, oneTrace = 0, startMs, spanLimit = 0, write }) {
  if (!FORMATS.includes(format)) throw new Error(`unknown format '${format}' (one of ${FORMATS.join(', ')})`);
  const r = rng(seed);
  const world = buildWorld(r);
  let written = 0;
  let pending = '';
  const out = async (text) => {
    pending += text;
    written += Buffer.byteLength(text);
    if (pending.length >= 1 << 20) {
      const chunk = pending;
      pending = '';
      await write(chunk);
    }
  };
  let traces = 0;
  let spans = 0;
  // --start moves the first trace (bench/clickhouse.js wants spans of the last hours, for --since).
  let startUs = (startMs === undefined ? 1_700_000_000_000_000 : startMs * 1000) + r.int(1e9);
  const scatter = new Scatterer(r);
  const WINDOW = 24;
  let window = [];
  let first = true;
  const sep = () => {
    const s = first ? '' : ',';
    first = false;
    return s;
  };

  if (format === 'jaeger') await out('{"data":[');
  if (format === 'zipkin') await out('[');
  if (format === 'otlp') await out('{"resourceSpans":[');

  const emitBatches = async (batches) => {
    if (batches.length === 0) return;
    if (format === 'otlp') for (const b of batches) await out(`${sep()}\n${b}`);
    else await out(`{"resourceSpans":[${batches.join(',')}]}\n`);
  };

  for (;;) {
    if (oneTrace > 0 && traces === 1) break;
    if (oneTrace === 0 && spanLimit === 0 && written >= bytes) break;
    if (spanLimit > 0 && spans >= spanLimit) break;
    const maxSpans = oneTrace > 0 ? oneTrace : r.next() < 0.01 ? 2000 : 5 + r.int(120);
    const trace = oneTrace > 0 ? makeHugeTrace(world, r, startUs, oneTrace) : makeTrace(world, r, startUs, maxSpans);
    startUs += 1000 + r.int(200_000);
    traces++;
    spans += trace.length;
    if (format === 'jaeger') await out(`${sep()}${jaegerTrace(trace)}`);
    else if (format === 'zipkin') {
      for (let i = 0; i < trace.length; i += 5000) await out(`${sep()}${trace.slice(i, i + 5000).map(zipkinSpan).join(',')}`);
    } else {
      for (const s of trace) window.push(s);
      if (traces % WINDOW === 0 || trace.length > 10_000) {
        const list = window;
        window = [];
        if (trace.length > 10_000) {
          for (let i = 0; i < list.length; i += 20_000) await emitBatches(scatter.group(list.slice(i, i + 20_000)));
        } else await emitBatches(scatter.batches(list));
      }
    }
  }
  if (format === 'otlp' || format === 'otlp-lines') {
    await emitBatches(scatter.batches(window));
    await emitBatches(scatter.flush());
  }
  if (format === 'jaeger') await out('],"total":0,"limit":0,"offset":0,"errors":null}\n');
  if (format === 'zipkin') await out(']\n');
  if (format === 'otlp') await out('\n]}\n');
  if (pending !== '') await write(pending);
  return { traces, spans, bytes: written };
}

/**
 * One trace of `n` spans, deep and wide at once: a spine a few thousand calls deep, each call with a
 * fan-out of leaves. Built with a loop, as the tree code that reads it must be.
 */
function makeHugeTrace(world, r, startUs, n) {
  const traceId = r.hex(32);
  const spans = [];
  const root = newSpan(traceId, undefined, world[0], 'GET /batch', 'server', startUs, 3_600_000_000, r);
  spans.push(root);
  let spine = root;
  while (spans.length < n) {
    const svc = world[spans.length % world.length];
    const step = Math.max(1, Math.floor(spine.duration / 200));
    const next = newSpan(traceId, spine, svc, r.pick(svc.ops), r.next() < 0.5 ? 'server' : 'internal', spine.start + step, spine.duration - 2 * step, r);
    spans.push(next);
    const leaves = Math.min(n - spans.length, 1 + r.int(400));
    for (let i = 0; i < leaves; i++) {
      const leaf = newSpan(traceId, next, svc, `SELECT ${r.pick(TABLES)}`, 'client', next.start + i, 1 + r.int(1000), r);
      leaf.attrs.push(['db.system', r.pick(DB_SYSTEMS)]);
      if (r.next() < 0.001) markError(leaf, r);
      spans.push(leaf);
    }
    spine = next;
  }
  return spans;
}

// ---- command line -------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { format: 'otlp', mb: 10, seed: 1, out: undefined, gzip: false, oneTrace: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--format') opts.format = val();
    else if (a === '--mb') opts.mb = Number(val());
    else if (a === '--seed') opts.seed = Number(val());
    else if (a === '--out') opts.out = val();
    else if (a === '--gzip') opts.gzip = true;
    else if (a === '--one-trace') opts.oneTrace = Number(val());
    else if (a === '--start') opts.startMs = Date.parse(val());
    else if (a === '--spans') opts.spanLimit = Number(val());
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** Writes a dump to `path` (gzip when asked); resolves with the counts. */
export async function generateFile(path, { format, mb, seed = 1, gzip = false, oneTrace = 0, startMs, spanLimit = 0 }) {
  await mkdir(dirname(path), { recursive: true });
  const file = createWriteStream(path);
  const sink = gzip ? createGzip({ level: 6 }) : file;
  if (gzip) sink.pipe(file);
  const write = (text) => (sink.write(text) ? undefined : new Promise((resolve) => sink.once('drain', resolve)));
  const counts = await generate({ format, bytes: Math.round((mb ?? 0) * 1024 * 1024), seed, oneTrace, startMs, spanLimit, write });
  await new Promise((resolve, reject) => {
    file.once('finish', resolve);
    file.once('error', reject);
    sink.end();
  });
  return counts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.out === undefined) {
    const counts = await generate({ format: opts.format, bytes: Math.round(opts.mb * 1024 * 1024), seed: opts.seed, oneTrace: opts.oneTrace, startMs: opts.startMs, spanLimit: opts.spanLimit, write: (t) => (process.stdout.write(t) ? undefined : new Promise((res) => process.stdout.once('drain', res))) });
    process.stderr.write(`${JSON.stringify(counts)}\n`);
  } else {
    const counts = await generateFile(opts.out, opts);
    process.stderr.write(`${opts.out}: ${JSON.stringify(counts)}\n`);
  }
}
