/** Numbers and times as the page shows them; the exact value stays in a data-value attribute. */

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${trim(ms * 1000, abs * 1000 < 10 ? 2 : abs * 1000 < 100 ? 1 : 0)} µs`;
  if (abs < 1000) return `${trim(ms, abs < 10 ? 2 : abs < 100 ? 1 : 0)} ms`;
  if (abs < 60_000) return `${trim(ms / 1000, abs < 10_000 ? 2 : 1)} s`;
  if (abs < 3_600_000) return `${trim(ms / 60_000, 1)} min`;
  return `${trim(ms / 3_600_000, 1)} h`;
}

export function fmtNs(ns: number): string {
  return fmtMs(ns / 1e6);
}

function trim(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/** 1234567 → "1,234,567" (the same in every locale, so figures read the same everywhere). */
export function fmtCount(n: number): string {
  const s = String(Math.trunc(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmtPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${trim(fraction * 100, digits)}%`;
}

export function fmtBytes(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024, 1)} KiB`;
  if (bytes < 1024 ** 3) return `${trim(bytes / 1024 / 1024, 1)} MiB`;
  return `${trim(bytes / 1024 ** 3, 2)} GiB`;
}

/** ISO-8601 UTC with microseconds from epoch nanoseconds (a decimal string). */
export function isoFromNs(ns: string): string {
  let big: bigint;
  try {
    big = BigInt(ns);
  } catch {
    return ns;
  }
  const ms = big / 1_000_000n;
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return `epoch+${ns}ns`;
  const micros = Number(((big % 1_000_000n) + 1_000_000n) % 1_000_000n) / 1000;
  return `${date.toISOString().slice(0, -1)}${String(Math.floor(micros)).padStart(3, '0')}Z`;
}

/** Epoch ns (string) plus an offset in ns, as ISO. */
export function isoAt(startNs: string, offsetNs: number): string {
  try {
    return isoFromNs((BigInt(startNs) + BigInt(Math.round(offsetNs))).toString());
  } catch {
    return startNs;
  }
}

/** "2024-05-01T10:00:00.123456Z" → "2024-05-01 10:00:00.123 UTC". */
export function shortTime(iso: string | null): string {
  if (iso === null) return '–';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d{3})?)/.exec(iso);
  return m === null ? iso : `${m[1]} ${m[2]} UTC`;
}

/** An attribute value as text: strings as they are, anything else as JSON. */
export function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
}
