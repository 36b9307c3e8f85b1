/**
 * Redacts one parsed record of any of the three formats by its shape rather than by a schema, so
 * every variant (Jaeger query API, api_v2 protobuf JSON and jaeger-ui shapes; Zipkin v1 and v2; OTLP
 * JSON and Tempo batches) is covered by one walk:
 * - an array of objects with a `key` is an attribute list (Jaeger tags, log fields and process tags;
 *   OTLP attributes and kvlists; Zipkin v1 binary annotations); a `tags` object is a Zipkin v2 map;
 * - attributes whose key looks secret lose their value; --keep keys are left alone;
 * - every other string that is not an id, a time, a kind or a type is searched for e-mails, IPs,
 *   credentials, JWTs and card numbers (see sensitive-text.ts);
 * - `serviceName`, `service.name`/`peer.service` attributes and the operation names of spans
 *   (`operationName`, a span's `name`) are hashed with --hash-names;
 * - ids (`traceId`, `spanID`, `parentSpanId`, a Zipkin span's `id`, ...) are remapped with --remap-ids.
 * Numbers and times are never changed (a card number written as a number excepted), so the
 * redacted dump has the same traces, trees and timings. The walk uses an explicit stack: an
 * attribute nested 100,000 deep is legal input.
 */
import { isSecretKey } from './secret-keys.js';
import { IdRemapper } from './id-remapper.js';
import { NameHasher } from './name-hasher.js';
import { SensitiveText, type SensitiveKind } from './sensitive-text.js';
import { markedNumber } from './exact-numbers.js';

export interface RedactOptions {
  readonly hashNames: boolean;
  readonly remapIds: boolean;
  /** Attribute keys to keep as they are. */
  readonly keep: ReadonlySet<string>;
}

const REDACTED = '[redacted]';

const ID_KEYS = new Set(['traceId', 'traceID', 'trace_id', 'spanId', 'spanID', 'span_id', 'parentSpanId', 'parentSpanID', 'parentId', 'parentID', 'parent_id']);
/** Strings under these keys are times, kinds and types, never free text. */
const STRUCTURAL = new Set([
  'startTime', 'endTime', 'duration', 'timestamp', 'startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano', 'observedTimeUnixNano',
  'kind', 'spanKind', 'type', 'vType', 'refType', 'code', 'deprecatedCode', 'flags', 'traceState', 'schemaUrl', 'processID',
  'droppedAttributesCount', 'droppedEventsCount', 'droppedLinksCount', 'debug', 'shared',
]);
const SERVICE_ATTRIBUTES = new Set(['service.name', 'peer.service']);
/** Attribute keys that hold a trace or span id: otelTraceID, otel.span_id, trace_id, parentSpanId. */
const ID_ATTRIBUTE = /(?:^|[._])?(?:trace|span|parent)[._]?(?:span[._]?)?id$/i;
const TRACEPARENT = /\b([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})\b/g;
/** Where protobuf-JSON Jaeger tags keep their value, by type. */
const JAEGER_V_FIELDS = ['vStr', 'vInt64', 'vFloat64', 'vBool', 'vBinary'] as const;

type Holder = Record<string | number, unknown>;

interface Job {
  readonly holder: Holder;
  readonly slot: string | number;
  /** The property name the value sits under (undefined for array elements). */
  readonly key: string | undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAttributeList(v: unknown[]): boolean {
  return v.length > 0 && v.every((e) => isPlainObject(e) && typeof e.key === 'string');
}

export class Redactor {
  readonly services = new NameHasher('svc-');
  readonly operations = new NameHasher('op-');
  readonly ids = new IdRemapper();
  readonly found: Record<SensitiveKind, number> = { email: 0, ip: 0, bearer: 0, jwt: 0, card: 0 };
  /** Attributes whose value was dropped for their key, by key. */
  readonly secretKeys = new Map<string, number>();
  private readonly text = new SensitiveText({ found: (kind) => void this.found[kind]++ });
  private stack: Job[] = [];

  constructor(private readonly options: RedactOptions) {}

  /** Redacts `value` (a freshly parsed copy: changed in place) and returns it; `key` is the envelope key it sits under. */
  redact(value: unknown, key?: string): unknown {
    // Envelope fields: jaeger-ui's data.traceID and top-level "id", its traceName.
    if (typeof value === 'string' && key !== undefined) {
      if (ID_KEYS.has(key) || key === 'id') return this.options.remapIds ? this.ids.remap(value) : value;
      if (key === 'traceName' && this.options.hashNames) return this.traceName(value);
    }
    const root: Holder = { v: value };
    this.stack = [{ holder: root, slot: 'v', key }];
    while (this.stack.length > 0) this.visit(this.stack.pop()!);
    return root.v;
  }

  private visit(job: Job): void {
    const { holder, slot, key } = job;
    const v = holder[slot];
    if (typeof v === 'string') {
      if (key !== undefined && (STRUCTURAL.has(key) || ID_KEYS.has(key))) return;
      if (markedNumber(v) !== undefined) return;
      if (key !== undefined && isSecretKey(key) && !this.options.keep.has(key)) {
        holder[slot] = this.secret(key);
        return;
      }
      holder[slot] = this.text.redact(v);
    } else if (Array.isArray(v)) {
      if (isAttributeList(v)) for (const entry of v) this.attribute(entry as Record<string, unknown>);
      else for (let i = v.length - 1; i >= 0; i--) this.stack.push({ holder: v as unknown as Holder, slot: i, key: undefined });
    } else if (isPlainObject(v)) {
      if (key !== undefined && isSecretKey(key) && !this.options.keep.has(key)) {
        holder[slot] = this.secret(key);
        return;
      }
      this.object(v);
    }
  }

  /** An object: ids, names and attribute maps by key; everything else walked. */
  private object(o: Record<string, unknown>): void {
    const spanLike = 'traceId' in o || 'traceID' in o || 'spanId' in o || 'spanID' in o;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'string' && (ID_KEYS.has(k) || (k === 'id' && spanLike))) {
        if (this.options.remapIds) o[k] = this.ids.remap(v);
      } else if (typeof v === 'string' && (k === 'operationName' || (k === 'name' && spanLike))) {
        o[k] = this.options.hashNames ? this.operations.hash(v) : this.text.redact(v);
      } else if (typeof v === 'string' && k === 'serviceName') {
        o[k] = this.options.hashNames ? this.services.hash(v) : this.text.redact(v);
      } else if (typeof v === 'string' && k === 'traceName' && this.options.hashNames) {
        o[k] = this.traceName(v);
      } else if (k === 'services' && Array.isArray(v) && this.options.hashNames) {
        // jaeger-ui's list of services: {name, numberOfSpans}.
        for (const entry of v) if (isPlainObject(entry) && typeof entry.name === 'string') entry.name = this.services.hash(entry.name);
      } else if (k === 'tags' && isPlainObject(v)) {
        for (const tag of Object.keys(v)) this.mapAttribute(v, tag);
      } else if (typeof v === 'object' && v !== null) {
        this.stack.push({ holder: o, slot: k, key: k });
      } else if (typeof v === 'string') {
        this.visit({ holder: o, slot: k, key: k });
      }
    }
  }

  /** A Zipkin v2 tag: `map[key]` is its value. */
  private mapAttribute(map: Record<string, unknown>, key: string): void {
    if (this.options.keep.has(key)) return;
    const v = map[key];
    if (typeof v === 'string') map[key] = this.attributeString(key, v);
    else if (typeof v === 'number') map[key] = this.attributeNumber(String(v)) ?? v;
    else if (typeof v === 'object' && v !== null) this.stack.push({ holder: map, slot: key, key });
  }

  /** An entry of an attribute list: {key, value} (Jaeger, Zipkin v1, OTLP AnyValue) or {key, vStr, ...}. */
  private attribute(entry: Record<string, unknown>): void {
    const key = entry.key as string;
    if (this.options.keep.has(key)) return;
    for (const k of Object.keys(entry)) {
      if (k === 'key' || k === 'type' || k === 'vType') continue;
      const v = entry[k];
      const isValue = k === 'value' || (JAEGER_V_FIELDS as readonly string[]).includes(k);
      if (!isValue) {
        if (typeof v === 'object' && v !== null) this.stack.push({ holder: entry, slot: k, key: k });
        continue;
      }
      if (typeof v === 'string') {
        const marked = markedNumber(v);
        // vInt64 is an int64 written as a string by protobuf JSON.
        const replaced = marked !== undefined || k === 'vInt64' ? this.attributeNumber(marked ?? v) : this.attributeString(key, v);
        if (replaced !== undefined && replaced !== v) this.setText(entry, k, replaced);
      } else if (typeof v === 'number' && k !== 'vFloat64') {
        const replaced = this.attributeNumber(String(v));
        if (replaced !== undefined) this.setText(entry, k, replaced);
      } else if (isPlainObject(v)) {
        this.anyValue(key, v);
      }
    }
  }

  /** An OTLP AnyValue under attribute `key`. */
  private anyValue(key: string, v: Record<string, unknown>): void {
    if (isSecretKey(key) && !('intValue' in v || 'doubleValue' in v || 'boolValue' in v)) {
      for (const k of Object.keys(v)) delete v[k];
      v.stringValue = this.secret(key);
      return;
    }
    if (typeof v.stringValue === 'string') {
      v.stringValue = this.attributeString(key, v.stringValue);
    } else if (v.intValue !== undefined) {
      const digits = markedNumber(v.intValue) ?? String(v.intValue);
      const replaced = this.attributeNumber(digits);
      if (replaced !== undefined) {
        delete v.intValue;
        v.stringValue = replaced;
      }
    } else if (isPlainObject(v.arrayValue) && Array.isArray(v.arrayValue.values)) {
      for (const element of v.arrayValue.values) if (isPlainObject(element)) this.anyValue(key, element);
    } else if (isPlainObject(v.kvlistValue) && Array.isArray(v.kvlistValue.values)) {
      // Walked through the stack: kvlists nest without limit.
      this.stack.push({ holder: v.kvlistValue as Holder, slot: 'values', key: 'values' });
    } else if (typeof v.bytesValue === 'string' && isSecretKey(key)) {
      v.bytesValue = '';
    }
  }

  private attributeString(key: string, value: string): string {
    if (isSecretKey(key)) return this.secret(key);
    if (this.options.hashNames && SERVICE_ATTRIBUTES.has(key)) return this.services.hash(value);
    if (this.options.remapIds) {
      // Ids copied into attributes (otelTraceID, trace_id, a W3C traceparent) follow the remapping.
      if (ID_ATTRIBUTE.test(key)) return this.ids.remap(value);
      if (value.includes('-')) value = value.replace(TRACEPARENT, (_m, v: string, t: string, s: string, f: string) => `${v}-${this.ids.remap(t)}-${this.ids.remap(s)}-${f}`);
    }
    return this.text.redact(value);
  }

  /** jaeger-ui's "service: operation" trace name, each part hashed. */
  private traceName(name: string): string {
    const at = name.indexOf(': ');
    return at < 0 ? this.operations.hash(name) : `${this.services.hash(name.slice(0, at))}: ${this.operations.hash(name.slice(at + 2))}`;
  }

  /** A number that is a card number becomes "[card]"; others stay (undefined). */
  private attributeNumber(digits: string): string | undefined {
    if (!this.text.isCardNumber(digits)) return undefined;
    this.found.card++;
    return '[card]';
  }

  /** Puts replacement text where a tag's value was; a tag whose value became a string says so. */
  private setText(entry: Record<string, unknown>, valueKey: string, text: string): void {
    if (valueKey === 'value') {
      entry.value = text;
      if (typeof entry.type === 'string' && entry.type.toLowerCase() !== 'string') entry.type = 'string';
      return;
    }
    // Protobuf-JSON Jaeger: the value moves to vStr.
    delete entry[valueKey];
    entry.vStr = text;
    if ('vType' in entry) entry.vType = 'STRING';
  }

  private secret(key: string): string {
    this.secretKeys.set(key, (this.secretKeys.get(key) ?? 0) + 1);
    return REDACTED;
  }
}
