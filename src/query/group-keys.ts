/**
 * The keys `--by` groups spans by: `service`, `operation`, `kind`, `status` and attributes, written
 * as `--where` writes fields (`attr.http.route`, `span.http.route`, `resource.k8s.pod.name`,
 * `.key`, `attr."a b"`), so a user learns one syntax; `attr:http.route` is read as `attr.http.route`.
 * Parsed before any input is read, so a typo costs nothing.
 *
 * Every grouping is within a service: operations are named per service (two services both have a
 * `GET`), latency counts a service's entry spans, and a row without its service reads as nobody's.
 * So a list without `service` gets it in front: `--by operation` is one row per service and
 * operation, as it always was, and `--by kind` one per service and kind; `service` written later in
 * the list moves its column there.
 */
import { UsageError } from '../errors.js';
import { resolveField } from './fields.js';
import { tokenize } from './lexer.js';
import { QuerySyntaxError } from './query-error.js';

export type GroupKey =
  | { readonly field: 'service' | 'operation' | 'kind' | 'status'; readonly name: string }
  /** `attr`: the span's attribute; `resource`: the resource's; `any`: the span's, else the resource's. */
  | { readonly field: 'attr' | 'resource' | 'any'; readonly key: string; readonly name: string };

export const SERVICE_KEY: GroupKey = { field: 'service', name: 'service' };
const OPERATION_KEY: GroupKey = { field: 'operation', name: 'operation' };

/** At most this many keys: each is a column of the table. */
const MAX_KEYS = 8;

/** "service,attr.http.route" → its keys, in order, without repeats; a UsageError names the bad one. */
export function parseGroupKeys(value: string): GroupKey[] {
  const parts = splitList(value);
  if (parts.length === 0 || parts.some((p) => p === '')) {
    throw new UsageError(`--by takes keys separated by commas (service, operation, kind, status, attr.KEY, resource.KEY), got '${value}'`);
  }
  const keys: GroupKey[] = [];
  for (const part of parts) {
    const key = parseKey(part);
    if (!keys.some((k) => k.name === key.name)) keys.push(key);
  }
  if (keys.length > MAX_KEYS) throw new UsageError(`--by takes at most ${MAX_KEYS} keys, got ${keys.length}`);
  if (!keys.some((k) => k.field === 'service')) keys.unshift(SERVICE_KEY);
  return keys;
}

/** The classic groupings as keys. */
export function classicKeys(by: 'service' | 'operation'): GroupKey[] {
  return by === 'service' ? [SERVICE_KEY] : [SERVICE_KEY, OPERATION_KEY];
}

/** The keys beyond service and operation (`check --by`: budgets name those two themselves). */
export function extraGroupKeys(keys: readonly GroupKey[]): GroupKey[] {
  return keys.filter((k) => k.field !== 'service' && k.field !== 'operation');
}

/** Whether a key reads attributes (which compact spans leave out). */
export function needsAttributes(keys: readonly GroupKey[]): boolean {
  return keys.some((k) => k.field === 'attr' || k.field === 'resource' || k.field === 'any');
}

function parseKey(text: string): GroupKey {
  const written = /^(attr|span|resource):/.test(text) ? text.replace(':', '.') : text;
  try {
    const tokens = tokenize(written);
    if (tokens.length !== 2 || tokens[0]!.type !== 'word') throw new UsageError(`--by: '${text}' is not a key (service, operation, kind, status, attr.KEY, resource.KEY)`);
    const field = resolveField(written, tokens[0]!);
    if (field.scope !== 'span') throw new UsageError(`--by: '${text}' is not a key of the span itself (parent and trace fields cannot group)`);
    switch (field.name) {
      case 'service':
      case 'kind':
      case 'status':
        return { field: field.name, name: field.name };
      case 'name':
        return OPERATION_KEY;
      case 'attr':
        return { field: 'attr', key: field.key, name: `attr.${field.key}` };
      case 'resource':
        return { field: 'resource', key: field.key, name: `resource.${field.key}` };
      case 'any':
        return { field: 'any', key: field.key, name: `.${field.key}` };
      default:
        throw new UsageError(`--by: cannot group by '${text}' (${field.name} has too many values); keys: service, operation, kind, status, attr.KEY, resource.KEY`);
    }
  } catch (err) {
    if (err instanceof QuerySyntaxError) {
      if (err.reason.startsWith('unknown field')) {
        const guess = /did you mean '(service|operation|kind|status|name)'/.exec(err.reason);
        const hint = guess !== null ? `did you mean '${guess[1]}'?` : `an attribute is attr.${text} or resource.${text}`;
        throw new UsageError(`--by: unknown key '${text}' (${hint}); keys: service, operation, kind, status, attr.KEY, resource.KEY`);
      }
      throw new UsageError(`--by: ${err.reason} in '${text}'`);
    }
    throw err;
  }
}

/** Splits on commas outside quotes, trimming each part. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (quote !== undefined) {
      current += ch;
      if (ch === '\\' && i + 1 < value.length) current += value.charAt(++i);
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ',') {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return parts;
}
