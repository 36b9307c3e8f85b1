/**
 * Big traces for tests and measurements, written as OTLP JSON: one trace of `spans` spans. `bushy`
 * looks like a real request fanning out over a dozen services, with N+1 query loops (runs of
 * identical sibling database calls) for `--collapse` to fold; `chain` is one span per level, as deep
 * as it is long, to prove nothing recurses on depth. Deterministic (seeded), so figures repeat.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from './seeded-random.js';

export interface GenerateOptions {
  readonly spans: number;
  readonly shape?: 'bushy' | 'chain';
  readonly seed?: number;
}

const SERVICES = ['frontend', 'gateway', 'orders', 'payments', 'inventory', 'users', 'search', 'pricing', 'shipping', 'email', 'auth', 'recommendations'];
const OPERATIONS = ['GET /api/items', 'POST /api/orders', 'Reserve', 'Charge', 'Lookup', 'Render', 'Publish', 'Validate'];
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const START_NS = 1_700_000_000_000_000_000n;

interface GenSpan {
  id: string;
  parent?: string;
  service: string;
  name: string;
  start: number; // ns from the trace start
  end: number;
  kind: number;
  error: boolean;
}

/** Writes the trace to `path`; returns the span count and the deepest depth. */
export function writeGeneratedTrace(path: string, options: GenerateOptions): { spans: number; depth: number } {
  const spans = options.shape === 'chain' ? chain(options.spans) : bushy(options.spans, options.seed ?? 42);
  const byService = new Map<string, GenSpan[]>();
  for (const s of spans) {
    const list = byService.get(s.service) ?? [];
    list.push(s);
    byService.set(s.service, list);
  }
  const parts: string[] = ['{"resourceSpans":['];
  let firstResource = true;
  for (const [service, list] of byService) {
    parts.push(`${firstResource ? '' : ','}{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"${service}"}}]},"scopeSpans":[{"scope":{"name":"gen"},"spans":[`);
    firstResource = false;
    list.forEach((s, i) => {
      const parent = s.parent === undefined ? '' : `,"parentSpanId":"${s.parent}"`;
      const status = s.error ? ',"status":{"code":2,"message":"generated failure"}' : '';
      parts.push(
        `${i === 0 ? '' : ','}{"traceId":"${TRACE_ID}","spanId":"${s.id}"${parent},"name":"${s.name}","kind":${s.kind},` +
          `"startTimeUnixNano":"${START_NS + BigInt(s.start)}","endTimeUnixNano":"${START_NS + BigInt(s.end)}"${status}}`,
      );
    });
    parts.push(']}]}');
  }
  parts.push(']}');
  writeFileSync(path, parts.join(''));
  return { spans: spans.length, depth: options.shape === 'chain' ? spans.length - 1 : depthOf(spans) };
}

const hexId = (n: number): string => n.toString(16).padStart(16, '0');

function chain(n: number): GenSpan[] {
  const out: GenSpan[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ id: hexId(i + 1), ...(i > 0 ? { parent: hexId(i) } : {}), service: SERVICES[i % SERVICES.length]!, name: 'step', start: i * 10, end: n * 20 - i * 10, kind: 1, error: false });
  }
  return out;
}


function bushy(n: number, seed: number): GenSpan[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const root: GenSpan = { id: hexId(1), service: 'frontend', name: 'GET /checkout', start: 0, end: 30_000_000_000, kind: 2, error: false };
  const out: GenSpan[] = [root];
  const queue: GenSpan[] = [root];
  for (let head = 0; head < queue.length && out.length < n; head++) {
    const parent = queue[head]!;
    const width = parent.end - parent.start;
    // Children: a few calls to other services, sometimes a loop of identical database queries.
    const calls = 1 + Math.floor(rnd() * 4);
    const loop = rnd() < 0.35 ? 5 + Math.floor(rnd() * 60) : 0;
    const slots = calls + loop;
    const slot = Math.max(1, Math.floor(width / slots));
    for (let i = 0; i < slots && out.length < n; i++) {
      const start = parent.start + i * slot + Math.floor(slot * 0.05);
      const end = Math.max(start, start + Math.floor(slot * (0.5 + rnd() * 0.4)));
      const isQuery = i >= calls;
      const span: GenSpan = {
        id: hexId(out.length + 1),
        parent: parent.id,
        service: isQuery ? `${parent.service}-db` : pick(SERVICES),
        name: isQuery ? 'SELECT items' : pick(OPERATIONS),
        start,
        end,
        kind: isQuery ? 3 : 2,
        error: rnd() < 0.002,
      };
      out.push(span);
      if (!isQuery) queue.push(span);
    }
  }
  return out;
}

function depthOf(spans: readonly GenSpan[]): number {
  const depth = new Map<string, number>();
  let max = 0;
  for (const s of spans) {
    const d = s.parent === undefined ? 0 : depth.get(s.parent)! + 1;
    depth.set(s.id, d);
    if (d > max) max = d;
  }
  return max;
}
