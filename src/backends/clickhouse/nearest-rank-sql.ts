/**
 * The nearest-rank percentile (analyses/percentile.ts) in SQL: the value at 1-based rank
 * ⌈numerator·n / (denominator·100)⌉, clamped to [1, n], of the values sorted ascending, with p given
 * as its exact decimal fraction in integer parameters. Same integers, same rank, same value: the
 * numbers equal a dump's to the nanosecond.
 */
import { percentileFraction } from '../../analyses/percentile.js';
import type { Params } from './statement.js';

/** `sortedSql`: an ascending array expression; `countSql`: its length. */
export function nearestRankSql(sortedSql: string, countSql: string, p: number, params: Params): string {
  const { numerator, denominator } = percentileFraction(p);
  const num = params.ref('UInt64', numerator.toString());
  const den = params.ref('UInt64', denominator.toString());
  const n = `toUInt128(${countSql})`;
  const rank = `intDiv(toUInt128(${num}) * ${n} + toUInt128(${den}) * 100 - 1, toUInt128(${den}) * 100)`;
  return `arrayElement(${sortedSql}, toUInt64(least(greatest(${rank}, 1), ${n})))`;
}
