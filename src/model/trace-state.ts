/**
 * The W3C `tracestate` list (Trace Context, section 3.3) and OpenTelemetry's own entry in it, `ot`
 * (OpenTelemetry specification, trace/tracestate-handling.md), read and rewritten as text.
 *
 * Parsing follows the W3C rules as the OpenTelemetry Go API applies them (the Collector's
 * `trace_state` policy parses with it): members separated by commas, empty members skipped, spaces
 * and tabs around a member ignored, a key of lower-case letters, digits and `_-*∕` (optionally
 * `tenant@system`), a value of printable ASCII without `,` and `=` that does not end in a space, at
 * most 32 members, no key twice. A list breaking a rule is invalid as a whole.
 */

export type TraceStateMember = readonly [key: string, value: string];

const MAX_MEMBERS = 32;
const SIMPLE_KEY = /^[a-z][_0-9a-z\-*/]{0,255}$/;
const TENANT_KEY = /^[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13}$/;
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/** The members in order, or undefined when the list is not valid W3C tracestate. */
export function parseTraceState(text: string): TraceStateMember[] | undefined {
  const members: TraceStateMember[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    if (eq < 0) return undefined;
    const key = raw.slice(0, eq).replace(/^[ \t]+/, '');
    const value = raw.slice(eq + 1).replace(/[ \t]+$/, '');
    if (!(SIMPLE_KEY.test(key) || TENANT_KEY.test(key)) || !VALUE.test(value)) return undefined;
    if (seen.has(key)) return undefined;
    seen.add(key);
    members.push([key, value]);
    if (members.length > MAX_MEMBERS) return undefined;
  }
  return members;
}

/** The value of `key` in a valid list; '' when the key is absent or the list is invalid (as Go's TraceState.Get). */
export function traceStateValue(text: string, key: string): string {
  const members = parseTraceState(text);
  return members?.find(([k]) => k === key)?.[1] ?? '';
}

/** The sub-keys of OpenTelemetry's `ot` value (`th:c;rv:…`), or undefined when it is malformed. */
function parseOtValue(value: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const part of value.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) return undefined;
    const key = part.slice(0, colon);
    if (out.has(key)) return undefined;
    out.set(key, part.slice(colon + 1));
  }
  return out;
}

/** The `ot` entry's sub-keys of a tracestate text (empty when there is none or the list is invalid). */
export function otSubKeys(text: string | undefined): Map<string, string> {
  if (text === undefined || text === '') return new Map();
  const ot = traceStateValue(text, 'ot');
  return (ot === '' ? undefined : parseOtValue(ot)) ?? new Map();
}

/**
 * The tracestate with `th` set in the `ot` entry, as a sampler writes it: the other `ot` sub-keys kept
 * in order after it, and the `ot` entry moved to the front (W3C: a vendor that changes its entry moves
 * it left). A list that is not valid W3C tracestate is replaced by the `ot` entry alone.
 */
export function withThreshold(text: string | undefined, th: string): string {
  const members = text === undefined || text === '' ? [] : (parseTraceState(text) ?? []);
  const old = members.find(([k]) => k === 'ot')?.[1];
  const subKeys = (old === undefined ? undefined : parseOtValue(old)) ?? new Map<string, string>();
  subKeys.delete('th');
  const ot = ['th:' + th, ...[...subKeys].map(([k, v]) => `${k}:${v}`)].join(';');
  return [`ot=${ot}`, ...members.filter(([k]) => k !== 'ot').map(([k, v]) => `${k}=${v}`)].join(',');
}
