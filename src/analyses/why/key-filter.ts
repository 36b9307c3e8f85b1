/**
 * Which keys `why` compares, decided once per key: every attribute and span field, except those
 * that separate the two sides by construction (they define the selection or the baseline) or
 * repeat a span field under another name, and except what `--attrs` / `--ignore` leave out.
 *
 * A key is named as in `--where`: a span field (`service`, `operation` or `name`, `kind`, `status`,
 * `duration`), `attr.KEY` (or `span.KEY`) for a span attribute, `resource.KEY` for a resource
 * attribute, or a bare `KEY` for either.
 */
import type { AttrScope } from './why-result.js';

/** The span fields compared. */
export type Intrinsic = 'service' | 'operation' | 'kind' | 'status' | 'duration';
const INTRINSICS: readonly Intrinsic[] = ['service', 'operation', 'kind', 'status', 'duration'];

/** A field an expression reads (query/referenced-fields.ts), in the terms of this filter. */
export interface FieldUse {
  readonly scope: 'intrinsic' | 'span' | 'resource' | 'any';
  readonly key: string;
}

export interface KeyFilterOptions {
  /** What the selection is chosen by: `slow` (duration), `errors` (status), or an expression's fields. */
  readonly selectionFields: readonly FieldUse[];
  /** The fields of `--baseline`. */
  readonly baselineFields: readonly FieldUse[];
  /** `--attrs`: only these. */
  readonly only?: readonly string[];
  /** `--ignore`: not these. */
  readonly ignore?: readonly string[];
}

/** Span attributes that are the instrumentation scope (OTLP scope, Jaeger's OpenTelemetry tags). */
const SCOPE_KEYS: ReadonlySet<string> = new Set(['otel.scope.name', 'otel.scope.version', 'otel.library.name', 'otel.library.version']);

/** The attributes a decoder reads the status from: under `--errors` they define the selection. */
export const STATUS_KEYS: readonly FieldUse[] = [
  { scope: 'intrinsic', key: 'status' },
  { scope: 'span', key: 'error' },
  { scope: 'span', key: 'otel.status_code' },
  { scope: 'span', key: 'otel.status_description' },
];

/** Keys that repeat a span field: the decoders derive the field from them. */
const DUPLICATES: readonly { scope: 'span' | 'resource'; key: string; same: string }[] = [
  { scope: 'span', key: 'span.kind', same: 'kind' },
  { scope: 'resource', key: 'service.name', same: 'service' },
];

const INTRINSIC_NAMES: Readonly<Record<string, Intrinsic>> = {
  service: 'service',
  operation: 'operation',
  name: 'operation',
  kind: 'kind',
  status: 'status',
  error: 'status',
  duration: 'duration',
};

/** The scope a span attribute is reported under. */
export function spanAttributeScope(key: string): AttrScope {
  return SCOPE_KEYS.has(key) ? 'scope' : 'span';
}

/**
 * Decides for each key: undefined (compare it), a reason (skip it and say why), or null (skip it
 * silently: the user left it out).
 */
export class KeyFilter {
  private readonly only: readonly FieldUse[] | undefined;
  private readonly ignore: readonly FieldUse[];

  constructor(private readonly options: KeyFilterOptions) {
    this.only = options.only === undefined ? undefined : options.only.map(parseKeyName);
    this.ignore = (options.ignore ?? []).map(parseKeyName);
  }

  /** `where`: 'span' and 'resource' for attributes (scope attributes are span attributes). */
  skipReason(where: 'intrinsic' | 'span' | 'resource', key: string): string | null | undefined {
    if (this.only !== undefined && !this.only.some((u) => matches(u, where, key))) return null;
    if (this.ignore.some((u) => matches(u, where, key))) return null;
    if (this.options.selectionFields.some((u) => matches(u, where, key))) return 'defines the selection';
    if (this.options.baselineFields.some((u) => matches(u, where, key))) return 'defines the baseline';
    for (const d of DUPLICATES) if (d.scope === where && d.key === key) return `same as ${d.same}`;
    return undefined;
  }
}

function matches(use: FieldUse, where: 'intrinsic' | 'span' | 'resource', key: string): boolean {
  if (use.key !== key) return false;
  if (use.scope === 'any') return where !== 'intrinsic';
  return use.scope === where;
}

/** `service`, `name`, `attr.k`, `span.k`, `resource.k`, or a bare attribute key `k` (matching a span field too). */
export function parseKeyName(name: string): FieldUse {
  const trimmed = name.trim();
  const intrinsic = INTRINSIC_NAMES[trimmed];
  if (intrinsic !== undefined) return { scope: 'intrinsic', key: intrinsic };
  const m = /^(attr|span|resource)\.(.+)$/.exec(trimmed);
  if (m !== null) return { scope: m[1] === 'resource' ? 'resource' : 'span', key: m[2]! };
  return { scope: 'any', key: trimmed };
}
