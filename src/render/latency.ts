/**
 * `tracectl latency` for people: one table row per service (or service and operation), the slowest
 * first, fitted to the width (rate, mean, the error count and max are dropped, in that order, before
 * the middle percentiles; the lowest and highest percentiles always stay); then, with `--histogram`, each group's latency distribution as bars on a 1-2-5
 * log scale, so a bimodal service shows its two humps.
 */
import type { HistogramBucket } from '../analyses/histogram.js';
import type { LatencyGroup, LatencyResult } from '../analyses/latency.js';
import { formatDuration, formatPercent } from './format.js';
import { formatCount } from './count.js';
import { samplingNote } from './sampling.js';
import { wrap } from './wrap.js';
import { groupCells, groupColumns, groupLabel } from './group-columns.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { displayWidth, padEnd, padStart, truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';

export function renderLatency(result: LatencyResult, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, result);
  if (result.groups.length === 0) return [result.spans === 'entry' ? 'no entry spans with a duration' : 'no spans with a duration'];
  const keyNames = result.groupKeys;
  const columns: TableColumn[] = [
    // Names are what a row is read by: they keep 16 columns (12 beside other keys) before any
    // optional column is dropped, and only go below that as a last resort.
    ...groupColumns(keyNames, keyNames.length > 1 ? 12 : 16, keyNames.length > 2 ? 10 : 16),
    { header: 'COUNT', align: 'right' },
    { header: 'ERRORS', align: 'right', dropOrder: 3 },
    { header: 'ERR%', align: 'right' },
    { header: 'MEAN', align: 'right', dropOrder: 2 },
    ...result.percentiles.map((p, i): TableColumn => ({ header: `P${p}`, align: 'right', ...percentileDropOrder(i, result.percentiles.length) })),
    { header: 'MAX', align: 'right', dropOrder: 4 },
    { header: 'RATE', align: 'right', dropOrder: 1 },
  ];
  const rows = result.groups.map((g): TableCell[] => {
    const failed = g.errors > 0;
    const red = (text: string): string => (failed ? theme.error(text) : text);
    return [
      ...groupCells(keyNames, g.keys, theme),
      formatCount(g.count),
      { text: formatCount(g.errors), style: red },
      { text: formatPercent(g.errorRate), style: red },
      ms(g.meanMs),
      ...result.percentiles.map((p) => ms(g.percentilesMs[String(p)]!)),
      ms(g.maxMs),
      g.ratePerSec === null ? '-' : formatRate(g.ratePerSec),
    ];
  });
  const lines = renderTable(columns, rows, width, theme);

  const spans = result.groups.reduce((sum, g) => sum + g.count, 0);
  const what = result.spans === 'entry' ? 'entry span' : 'span';
  const groupWord = keyNames.length === 1 ? 'service' : result.by === 'operation' ? 'operation' : 'group';
  const untimed = result.untimedSpans > 0 ? `; ${result.untimedSpans} without a duration left out` : '';
  const footer =
    `${result.groups.length} ${plural(groupWord, result.groups.length)}, ${spans} ${plural(what, spans)} over ${formatDuration(result.windowSec * 1e9)}; ` +
    `exact nearest-rank percentiles${untimed}`;
  lines.push(theme.dim(truncate(footer, width)));
  const note = samplingNote(result.sampling);
  if (note !== undefined) lines.push(...wrap(note, width).map((l) => theme.dim(l)));

  if (result.groups.some((g) => g.histogram !== undefined)) {
    for (const group of result.groups) {
      if (group.histogram === undefined) continue;
      lines.push('', ...renderHistogram(keyNames, group, group.histogram, theme, width));
    }
  }
  return lines;
}

/** Bars longer than this are hard to compare by eye. */
const MAX_BAR = 40;
/**
 * The lowest and highest percentiles always stay; the ones between go after MAX, highest first
 * (with 50,90,95,99: P95, then P90), so a narrow table still shows the median and the tail.
 */
function percentileDropOrder(index: number, count: number): { dropOrder?: number } {
  if (index === 0 || index === count - 1) return {};
  return { dropOrder: 5 + (count - 2 - index) };
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** One group's buckets as horizontal bars scaled to the fullest bucket. */
function renderHistogram(keys: readonly string[], group: LatencyGroup, buckets: readonly HistogramBucket[], theme: Theme, width: number): string[] {
  const name = groupLabel(keys, group.keys);
  const title = truncate(`${name}  (${group.count})`, width);
  const serviceLen = keys[0] === 'service' ? Math.min(displayWidth(sanitize(group.service)), displayWidth(title)) : 0;
  const lines = [theme.service(group.service, title.slice(0, serviceLen)) + title.slice(serviceLen)];
  const labels = buckets.map((b) => `${formatEdge(b.fromMs)}–${formatEdge(b.toMs)}`);
  const labelWidth = Math.max(...labels.map(displayWidth));
  const counts = buckets.map((b) => String(b.count));
  const countWidth = Math.max(...counts.map((c) => c.length));
  const barWidth = Math.max(1, Math.min(MAX_BAR, width - 2 - labelWidth - 2 - 1 - countWidth));
  const most = Math.max(...buckets.map((b) => b.count));
  buckets.forEach((bucket, i) => {
    const eighths = most === 0 ? 0 : Math.round((bucket.count / most) * barWidth * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
    const shown = bucket.count > 0 && bar === '' ? '▏' : bar;
    lines.push(`  ${padStart(labels[i]!, labelWidth)}  ${theme.service(group.service, padEnd(shown, barWidth))} ${padStart(counts[i]!, countWidth)}`);
  });
  return lines;
}

/** A 1-2-5 edge: "0", "500µs", "2ms", "10s", "100s" — always a whole number in its unit. */
function formatEdge(msValue: number): string {
  const ns = Math.round(msValue * 1e6);
  if (ns === 0) return '0';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${round(ns / 1e3)}µs`;
  if (ns < 1e9) return `${round(ns / 1e6)}ms`;
  return `${round(ns / 1e9)}s`;
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function ms(value: number): string {
  return formatDuration(value * 1e6);
}

function formatRate(perSec: number): string {
  if (perSec >= 100) return `${perSec.toFixed(0)}/s`;
  if (perSec >= 10) return `${perSec.toFixed(1)}/s`;
  return `${perSec.toFixed(2)}/s`;
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}
