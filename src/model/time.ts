/**
 * Time conversions at the format boundary. Everything inside tracectl is epoch nanoseconds as a
 * bigint (OTLP's nanosecond timestamps exceed 2^53) or a nanosecond duration as a number.
 */

/** Epoch microseconds (Jaeger, Zipkin) to epoch nanoseconds, keeping a fractional microsecond. */
export function microsToNanos(us: number): bigint {
  const whole = Math.trunc(us);
  const frac = Math.round((us - whole) * 1000);
  return BigInt(whole) * 1000n + BigInt(frac);
}

const MAX_FINITE = BigInt(Number.MAX_VALUE);

/**
 * A nanosecond difference as a number that BigInt() takes back: beyond ±1.8e308 (garbage times a
 * dump can hold, flagged where they are read) Number() would give Infinity, so it is clamped.
 */
export function finiteNanos(ns: bigint): number {
  if (ns > MAX_FINITE) return Number.MAX_VALUE;
  if (ns < -MAX_FINITE) return -Number.MAX_VALUE;
  return Number(ns);
}

/** A number of microseconds (duration) as nanoseconds. */
export function microsDurationToNanos(us: number): number {
  return Math.round(us * 1000);
}

const INT = /^-?\d+$/;

/** OTLP int64 nanoseconds: a decimal string (protobuf JSON) or a number. */
export function parseNanos(value: unknown): bigint | undefined {
  if (typeof value === 'string') return INT.test(value) ? BigInt(value) : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.round(value));
  if (typeof value === 'bigint') return value;
  return undefined;
}

/** A number that may arrive as a JSON number or a decimal string (int64 in protobuf JSON). */
export function parseNumberish(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 with up to nanosecond fraction (Jaeger api_v2 protobuf JSON) to epoch nanoseconds. */
export function parseRfc3339(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (m[2] ?? '').padEnd(9, '0');
  return BigInt(seconds) * 1_000_000n + BigInt(fraction);
}

const GO_DURATION = /^(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/;
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A protobuf-JSON duration ("1.5s", "100000ns") to nanoseconds. */
export function parseDurationString(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = GO_DURATION.exec(value.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (UNIT_NS[m[2] as string] as number));
}

// Epoch microseconds of 2000-01-01 and 2100-01-01: a real span's time falls between them.
const PLAUSIBLE_MIN_NS = 946_684_800_000_000_000n;
const PLAUSIBLE_MAX_NS = 4_102_444_800_000_000_000n;

/**
 * Whether an epoch-nanosecond time is believable. Seconds or milliseconds written where
 * microseconds belong, 15-digit microsecond values and zero all land outside the window.
 */
export function isPlausibleEpochNanos(ns: bigint): boolean {
  return ns >= PLAUSIBLE_MIN_NS && ns <= PLAUSIBLE_MAX_NS;
}

// A Date holds ±8.64e15 ms around 1970; a garbage timestamp can land outside it.
const MAX_DATE_NS = 8_640_000_000_000_000_000_000n;

/**
 * ISO-8601 UTC with microsecond precision (what Jaeger and Zipkin record), from epoch nanoseconds.
 * A time no Date can hold (a garbage value in a dump) is written as its raw count, `epoch+<n>ns`:
 * one bad span must not take a report down.
 */
export function isoFromNanos(ns: bigint): string {
  if (ns > MAX_DATE_NS || ns < -MAX_DATE_NS) return `epoch+${ns}ns`;
  const ms = ns / 1_000_000n;
  const base = new Date(Number(ms)).toISOString(); // ...T12:34:56.789Z
  const micros = Number((ns % 1_000_000n + 1_000_000n) % 1_000_000n) / 1000;
  return `${base.slice(0, -1)}${String(Math.floor(micros)).padStart(3, '0')}Z`;
}

/** Nanoseconds as milliseconds, the unit of every `...Ms` field in JSON output. */
export function nsToMs(ns: number): number {
  return ns / 1e6;
}
