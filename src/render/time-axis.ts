/**
 * The time axis over the waterfall's bars: ticks at round values (1, 2, 2.5 or 5 times a power of
 * ten), so a reader can measure a bar against it, labelled where the label fits. A zoomed axis starts
 * past 0 (`fromNs`) and keeps its labels counting from the origin, so they read as the --zoom typed.
 */

export interface TimeAxis {
  /** Tick labels, each starting at its tick's column. */
  readonly labels: string;
  /** A ruler: ┬ at each tick, ─ between. */
  readonly ruler: string;
}

/** At most one tick per this many cells, so labels have room. */
const CELLS_PER_TICK = 10;

export function renderTimeAxis(durationNs: number, width: number, fromNs = 0): TimeAxis {
  if (width <= 0) return { labels: '', ruler: '' };
  const ticks = durationNs > 0 ? tickTimes(durationNs, Math.max(1, Math.floor(width / CELLS_PER_TICK)), fromNs) : [fromNs];
  const ruler = Array.from({ length: width }, () => '─');
  let labels = '';
  for (const t of ticks) {
    const col = durationNs > 0 ? Math.min(width - 1, Math.floor(((t - fromNs) / durationNs) * width)) : 0;
    ruler[col] = '┬';
    const label = formatTick(t);
    const gap = labels.length === 0 ? 0 : 1;
    if (col >= labels.length + gap && col + label.length <= width) labels = labels.padEnd(col) + label;
  }
  return { labels, ruler: ruler.join('') };
}

/** Round tick times from `fromNs` up to `fromNs + durationNs`, about `target` intervals. */
export function tickTimes(durationNs: number, target: number, fromNs = 0): number[] {
  const raw = durationNs / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
  const out: number[] = [];
  const last = (fromNs + durationNs) * (1 + 1e-9);
  for (let k = Math.max(0, Math.ceil(fromNs / step - 1e-9)); k * step <= last; k++) out.push(k * step);
  return out;
}

/** A round duration without trailing zeros: "0", "250µs", "2.5ms", "10s", "1m30s". */
export function formatTick(ns: number): string {
  if (ns === 0) return '0';
  const trim = (v: number): string => String(Number(v.toPrecision(3)));
  if (ns < 1e3) return `${trim(ns)}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  if (ns < 60e9) return `${trim(ns / 1e9)}s`;
  const m = Math.floor(ns / 60e9);
  const s = Number(((ns - m * 60e9) / 1e9).toPrecision(3));
  if (s >= 60) return `${m + 1}m`;
  return s === 0 ? `${m}m` : `${m}m${s < 10 ? '0' : ''}${s}s`;
}
