/**
 * A budget's actual value written the way its limit was: in the limit's unit ("2.413s" against
 * "<2s", "0.95%" against "<1%", "12.5/min" against ">=10/min"), so the two can be compared at a
 * glance. Three decimals, trailing zeros dropped; more when rounding would make a value that breaks
 * the budget look equal to its limit (300.0004ms against <300ms is not "300ms").
 */
import type { BudgetUnit } from '../../check/budget.js';

const DURATION_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const RATE_PER: Readonly<Record<string, number>> = { '/s': 1, '/m': 60, '/min': 60, '/h': 3600 };

export interface ValueFormat {
  readonly unit: BudgetUnit;
  /** The limit as written: its unit suffix decides the display unit. */
  readonly limitText: string;
  /** The limit in `unit`. */
  readonly limit: number;
}

/** "-" for a value that could not be measured. */
export function formatBudgetValue(value: number | null, f: ValueFormat): string {
  if (value === null) return '-';
  switch (f.unit) {
    case 'count':
      return String(value);
    case 'ms': {
      const suffix = /(ns|us|µs|ms|s|m|h)$/.exec(f.limitText)?.[1] ?? 'ms';
      const per = DURATION_NS[suffix]! / 1e6;
      return `${decimals(value / per, f.limit / per)}${suffix}`;
    }
    case 'ratio':
      return f.limitText.endsWith('%') ? `${decimals(value * 100, f.limit * 100)}%` : decimals(value, f.limit, 4);
    case 'per-second': {
      const suffix = /\/(s|m|min|h)$/.exec(f.limitText)?.[0] ?? '/s';
      const per = RATE_PER[suffix]!;
      return `${decimals(value * per, f.limit * per)}${suffix}`;
    }
  }
}

/** `value` with `places` decimals (trailing zeros dropped), or more if it would print as `limit` without being it. */
function decimals(value: number, limit: number, places = 3): string {
  let shown = round(value, places);
  for (let p = places + 1; p <= 9 && value !== limit && Number(shown) === limit; p++) shown = round(value, p);
  return shown;
}

function round(value: number, places: number): string {
  return String(Number(value.toFixed(places)));
}
