import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { parseDurationString, parseRfc3339 } from '../../model/time.js';
import type { ZoomPoint, ZoomSpec } from '../../analyses/waterfall.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineWaterfall(program: Command, io: Io): void {
  dumpCommand(program, io, 'waterfall', 'show one trace as a timeline: one row per span, in tree order', () => import('./waterfall.js') as Promise<{ run: RunFn }>)
    .option('--trace <id>', 'the trace to show: a full id or a unique prefix (default: the only trace, else the longest)')
    .option('--depth <n>', 'hide spans deeper than n (roots are depth 0)', parseDepth)
    .option('--min-duration <duration>', 'hide spans shorter than this (e.g. 500us, 5ms, 1.5s), keeping ancestors of longer ones', parseMinDuration)
    .option('--service <name>', 'keep spans of this service, with their ancestors')
    .option('--errors-only', 'keep error spans, with their ancestors')
    .option('--critical-only', 'keep critical-path spans, with their ancestors')
    .option('--collapse', 'fold runs of sibling spans with the same service and operation into one row')
    .option('--attrs <keys>', 'show these attributes on each row (comma-separated keys)', parseKeys)
    .option('--zoom <start..end>', 'the window the axis covers: offsets from the start (0..10s, 250ms.., ..2s) or RFC 3339 times', parseZoom)
    .option('--root <span>', 'show this span\'s subtree as the whole view: a span id (or unique prefix), or a name (operation, service, or "service operation")');
}

const OFFSET_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
const UNIT_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** "1.5s", "4m50s", "1h2m3.5s" (as the axis labels and durations print them) to ns; undefined if not one. */
function parseOffset(text: string): number | undefined {
  OFFSET_PART.lastIndex = 0;
  let ns = 0;
  while (OFFSET_PART.lastIndex < text.length) {
    const m = OFFSET_PART.exec(text);
    if (m === null) return undefined;
    ns += Number(m[1]) * UNIT_NS[m[2]!]!;
  }
  return Math.round(ns);
}

/** "250ms..1.5s", "..2s", "2018-11-30T03:45:30Z..": either end may be left out, not both. */
function parseZoom(value: string): ZoomSpec {
  const at = value.indexOf('..');
  const usage = `--zoom takes START..END, offsets from the start with a unit (0..10s, 250ms.., ..2s) or RFC 3339 times (2024-05-01T10:00:00.25Z..), got '${value}'`;
  if (at < 0) throw new UsageError(usage);
  const start = value.slice(0, at).trim();
  const end = value.slice(at + 2).trim();
  if (start === '' && end === '') throw new UsageError(usage);
  const point = (text: string): ZoomPoint | undefined => {
    if (text === '') return undefined;
    if (text === '0') return { offsetNs: 0 };
    const ns = parseOffset(text);
    if (ns !== undefined) return { offsetNs: ns };
    const epochNs = parseRfc3339(text);
    if (epochNs !== undefined) return { epochNs };
    throw new UsageError(usage);
  };
  const from = point(start);
  const to = point(end);
  return { ...(from !== undefined ? { start: from } : {}), ...(to !== undefined ? { end: to } : {}) };
}

function parseDepth(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`--depth must be a whole number of at least 0, got '${value}'`);
  return n;
}

/** "5ms" → 5000000 (ns). Units: ns, us, µs, ms, s, m, h; "0" alone is allowed. */
function parseMinDuration(value: string): number {
  if (value.trim() === '0') return 0;
  const ns = parseDurationString(value);
  if (ns === undefined || ns < 0) throw new UsageError(`--min-duration must be a duration with a unit (ns, us, µs, ms, s, m), e.g. 5ms or 1.5s, got '${value}'`);
  return ns;
}

function parseKeys(value: string): string[] {
  const keys = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length === 0) throw new UsageError(`--attrs needs at least one attribute key, e.g. --attrs http.method,http.status_code`);
  return keys;
}
