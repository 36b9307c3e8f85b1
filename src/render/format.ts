/** Numbers for people: durations in a unit that suits them, counts, percentages. */

/** A duration in ns as "250ns", "12.3µs", "4.56ms", "1.23s", "2m05s". Three significant digits. */
/** A Julian year (365.25 days) in nanoseconds. */
const NS_PER_YEAR = 365.25 * 24 * 3600e9;

export function formatDuration(ns: number): string {
  const abs = Math.abs(ns);
  const sign = ns < 0 ? '-' : '';
  if (abs < 1e3) return `${sign}${Math.round(abs)}ns`;
  if (abs < 1e6) return `${sign}${sig3(abs / 1e3)}µs`;
  if (abs < 1e9) return `${sign}${sig3(abs / 1e6)}ms`;
  if (abs < 60e9) return `${sign}${sig3(abs / 1e9)}s`;
  const totalSeconds = Math.round(abs / 1e9);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return `${sign}${minutes}m${String(seconds).padStart(2, '0')}s`;
  // Ten years and more is no real span: a garbage time in a dump (flagged where it was read). Shown
  // in years, so that the cell stays short.
  const years = abs / NS_PER_YEAR;
  if (years >= 10) return `${sign}${years < 1e6 ? Math.round(years) : years.toExponential(1)}y`;
  return `${sign}${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function sig3(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (pct < 0.1) return '<0.1%';
  return pct >= 10 ? `${pct.toFixed(0)}%` : `${pct.toFixed(1)}%`;
}

/** An ISO timestamp shown compactly: "2024-05-01 12:34:56.789" (a time no date can hold: "(bad time)"). */
export function formatStartTime(iso: string): string {
  if (iso.startsWith('epoch+')) return '(bad time)';
  return iso.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1');
}
