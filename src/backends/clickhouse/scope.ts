/**
 * What every statement of a run reads: the table, and the time range its spans start in (required,
 * so that every query reads only the partitions of that range). The range is half-open,
 * [from, to), in epoch nanoseconds.
 */
import type { TableAddress } from './address.js';
import { Params } from './statement.js';

export interface TableScope {
  readonly address: TableAddress;
  readonly fromNs: bigint;
  readonly toNs: bigint;
}

/** The table, as a FROM target. */
export const SPANS_TABLE = '{db:Identifier}.{table:Identifier}';
/** Spans that start in the range. */
export const IN_RANGE = 'Timestamp >= fromUnixTimestamp64Nano({from:Int64}) AND Timestamp < fromUnixTimestamp64Nano({to:Int64})';

/** A statement's parameters, starting with the table and the range. */
export function scopeParams(scope: TableScope): Params {
  return new Params({
    db: scope.address.database,
    table: scope.address.table,
    from: scope.fromNs.toString(),
    to: scope.toNs.toString(),
  });
}
