/**
 * The `--by` keys (query/group-keys.ts) as columns of the spans CTE (entry-spans-sql.ts), so
 * ClickHouse groups by the same values the local path does (analyses/group-values.ts): the service
 * and kind as tracectl names them (columns.ts), the status as `unset`/`ok`/`error`, and an attribute
 * as the exporter stored it, NULL where the span's map lacks the key (a dump's missing attribute).
 * Attribute names are query parameters, never SQL text.
 *
 * Service and operation alone keep the CTE's own `service` and `operation` columns.
 */
import type { GroupKey } from '../../query/group-keys.js';
import { SERVICE_SQL, STATUS_SQL, KIND_SQL } from './columns.js';
import type { Row } from './connection.js';
import type { Params } from './statement.js';

export interface GroupKeysSql {
  /** The names to GROUP BY and SELECT, in key order. */
  readonly columns: string[];
  /** Columns the spans CTE must add (`expression AS name`). */
  readonly extra: string[];
}

export function groupKeysSql(keys: readonly GroupKey[], params: Params): GroupKeysSql {
  if (keys.every((k) => k.field === 'service' || k.field === 'operation')) return { columns: keys.map((k) => k.field), extra: [] };
  const extra = keys.map((key, i) => `${keyExpression(key, params)} AS group_key_${i}`);
  return { columns: keys.map((_, i) => `group_key_${i}`), extra };
}

/** A result row's values of the keys, in order (null where the attribute was missing). */
export function groupKeyValues(keys: readonly GroupKey[], row: Row): (string | null)[] {
  const classic = keys.every((k) => k.field === 'service' || k.field === 'operation');
  return keys.map((key, i) => {
    const value = row[classic ? key.field : `group_key_${i}`];
    return value === null || value === undefined ? null : String(value);
  });
}

function keyExpression(key: GroupKey, params: Params): string {
  switch (key.field) {
    case 'service':
      return SERVICE_SQL;
    case 'operation':
      return 'SpanName';
    case 'kind':
      return KIND_SQL;
    case 'status':
      return STATUS_SQL;
    case 'attr':
    case 'resource': {
      const map = key.field === 'attr' ? 'SpanAttributes' : 'ResourceAttributes';
      const name = params.ref('String', key.key);
      return `if(mapContains(${map}, ${name}), ${map}[${name}], NULL)`;
    }
    case 'any': {
      const name = params.ref('String', key.key);
      return `multiIf(mapContains(SpanAttributes, ${name}), SpanAttributes[${name}], mapContains(ResourceAttributes, ${name}), ResourceAttributes[${name}], NULL)`;
    }
  }
}
