/**
 * `tracectl waterfall` over the real dumps. The largest (1,041 Zipkin span records, 16 services, shared
 * client/server ids, missing timestamps and durations, clock skew) renders at 80 and 200 columns with
 * no line wider, and every JSON row's depth and parent agree with the tree — checked two ways: against
 * the row order (a row's parent is the nearest row above it one level up) and against the raw file
 * (the parent is the span's own `parentId`, or, for a server half sharing its client's id, that client).
 * Every other real dump renders at 80 columns with exit 0 and no line over the width.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linesWiderThan } from '../helpers/cells.js';
import { runCli } from '../helpers/cli.js';
import { REAL, realDump, realDumps } from '../helpers/real-dumps.js';

const LARGEST = realDump('zipkin-v2/zipkin__smartthings-mobile-web-install.json');

interface Row {
  spanId: string;
  parentId: string | null;
  depth: number;
  service: string;
  flags: string[];
}
interface WaterfallJson {
  traceId: string;
  spanCount: number;
  services: string[];
  spans: Row[];
}
interface RawZipkinSpan {
  id: string;
  parentId?: string;
  kind?: string;
  shared?: boolean;
  timestamp?: number;
  localEndpoint?: { serviceName?: string };
}

/**
 * The spans a reader should show: the dump's 1,041 minus the untimed pieces Zipkin reporters send
 * separately (same id and service as a timed span, no timestamp, no kind), which are merged into it
 * as zipkin-lens does. Counted here from the raw file, independently of tracectl.
 */
function expectedSpans(): number {
  const raw = JSON.parse(readFileSync(LARGEST, 'utf8')) as RawZipkinSpan[];
  const service = (s: RawZipkinSpan): string => s.localEndpoint?.serviceName ?? '';
  const pieces = raw.filter(
    (p) => p.timestamp === undefined && p.kind === undefined && raw.some((w) => w !== p && w.id === p.id && w.timestamp !== undefined && service(w) === service(p)),
  );
  return raw.length - pieces.length;
}

const overWidth = linesWiderThan;

describe('waterfall on the largest real dump', () => {
  for (const width of [80, 200]) {
    it(`renders at ${width} columns with no line wider, one row per span`, async () => {
      const r = await runCli(['waterfall', LARGEST, '--width', String(width)]);
      expect(r.status).toBe(0);
      expect(overWidth(r.stdout, width)).toEqual([]);
      expect(r.stdout.split('\n').filter((l) => /[▏▎▍▌▋▊▉█]$/.test(l))).toHaveLength(expectedSpans());
    });

    it(`--collapse --min-duration 1ms at ${width} columns stays within the width`, async () => {
      const r = await runCli(['waterfall', LARGEST, '--width', String(width), '--collapse', '--min-duration', '1ms', '--attrs', 'http.path,http.status_code', '-q']);
      expect(r.status).toBe(0);
      expect(overWidth(r.stdout, width)).toEqual([]);
    });
  }

  const variants: [string, string[]][] = [
    ['every span', []],
    ['--collapse --min-duration 100ms', ['--collapse', '--min-duration', '100ms']],
    ['--errors-only --collapse', ['--errors-only', '--collapse']],
  ];
  for (const [name, args] of variants) {
    it(`${name}: every JSON row has the depth and parent of the tree`, async () => {
      const r = await runCli(['waterfall', LARGEST, '--json', '-q', ...args]);
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as WaterfallJson;
      expect([json.traceId, json.spanCount, json.services.length]).toEqual(['14b60fd9ae504820', expectedSpans(), 16]);
      if (args.length === 0) expect(json.spans).toHaveLength(expectedSpans());

      // 1. Against the order: depth-first rows, so a row's parent is the last row above it one level up.
      const path: Row[] = [];
      const orderProblems: string[] = [];
      for (const row of json.spans) {
        if (row.depth > path.length) orderProblems.push(`${row.spanId}: depth ${row.depth} below a row at ${path.length - 1}`);
        path.length = Math.min(path.length, row.depth);
        const expected = row.depth === 0 ? null : (path[row.depth - 1]?.spanId ?? '?');
        if (row.parentId !== expected) orderProblems.push(`${row.spanId}: parent ${row.parentId}, row above says ${expected}`);
        path.push(row);
      }
      expect(orderProblems.slice(0, 5)).toEqual([]);

      // 2. Against the raw dump.
      const raw = JSON.parse(readFileSync(LARGEST, 'utf8')) as RawZipkinSpan[];
      const ids = new Set(raw.map((s) => s.id));
      const rawProblems: string[] = [];
      for (const row of json.spans) {
        const candidates = raw.filter((s) => s.id === row.spanId);
        if (row.parentId === row.spanId) {
          // A server half under the client half of the same id.
          if (!candidates.some((s) => s.kind === 'CLIENT')) rawProblems.push(`${row.spanId}: under its own id without a client half`);
        } else if (row.parentId === null) {
          const rootOk = candidates.some((s) => s.parentId === undefined || !ids.has(s.parentId));
          if (!rootOk) rawProblems.push(`${row.spanId}: a root, but its parent is in the dump`);
          if (candidates.every((s) => s.parentId !== undefined) && !row.flags.includes('orphan-span')) rawProblems.push(`${row.spanId}: orphan not flagged`);
        } else if (!candidates.some((s) => s.parentId === row.parentId)) {
          rawProblems.push(`${row.spanId}: parent ${row.parentId} is not its parentId in the dump`);
        }
      }
      expect(rawProblems.slice(0, 5)).toEqual([]);
    });
  }
});

describe('waterfall on every real dump', () => {
  for (const path of realDumps()) {
    it(`${path.slice(REAL.length)}: exit 0, nothing over 80 columns`, async () => {
      const r = await runCli(['waterfall', path, '--width', '80', '-q']);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('tracectl:') && !l.includes('showing the longest'))).toEqual([]);
      expect(r.status).toBe(0);
      expect(overWidth(r.stdout, 80)).toEqual([]);
    });
  }
});
