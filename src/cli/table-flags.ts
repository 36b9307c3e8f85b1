/**
 * The flags that only mean something for a table input (clickhouse://…): the time range, the query
 * timeout, --explain. Given with dumps only they would be silently ignored, so they are refused.
 * Loaded at start-up by the command definitions: nothing heavy here.
 */
import { UsageError } from '../errors.js';
import { isTableInput } from '../backends/clickhouse/address.js';

const TABLE_FLAGS: readonly [string, string][] = [
  ['since', '--since'],
  ['from', '--from'],
  ['to', '--to'],
  ['queryTimeout', '--query-timeout'],
  ['explain', '--explain'],
  ['maxTraces', '--max-traces'],
];

/** Throws when a table-only flag is given and no input is a table. */
export function checkTableFlags(paths: readonly string[], options: Readonly<Record<string, unknown>>, skip: readonly string[] = []): void {
  if (paths.some(isTableInput)) return;
  for (const [key, flag] of TABLE_FLAGS) {
    if (skip.includes(key) || options[key] === undefined) continue;
    throw new UsageError(`${flag} applies to table inputs (clickhouse://host/db?table=otel_traces); a dump is read whole`);
  }
}
