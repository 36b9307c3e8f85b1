/**
 * Reads a `tail_sampling` processor configuration from YAML: a whole Collector config (the processor
 * under `processors:`, possibly among other processors, as `tail_sampling` or `tail_sampling/NAME`),
 * a file whose top level is `tail_sampling:`, or the processor's block itself (`policies:` at the top).
 *
 * Checked as the Collector checks it, and more strictly where tracectl cannot follow: a key the
 * Collector does not know is an error (mapstructure refuses unused keys), a policy type or option
 * tracectl cannot evaluate is named and refused, never skipped. Options that cannot change a
 * decision on a complete dump (how long to wait, how many traces to hold) are accepted and listed
 * in `assumed`. Field semantics follow processor/tailsamplingprocessor/config.go and processor.go
 * (getSharedPolicyEvaluator), composite_helper.go and and_helper.go.
 */
import { parseDocument } from 'yaml';
import type { NamedPolicy, PolicyConfig, TailSamplingConfig } from './policy-config.js';

export class PolicyFileError extends Error {}

type Obj = Record<string, unknown>;

const TOP_LEVEL_ASSUMED: Readonly<Record<string, string>> = {
  decision_wait: 'every span of a trace is taken to arrive before the decision',
  decision_wait_after_root_received: 'every span of a trace is taken to arrive before the decision',
  num_traces: 'every trace is taken to fit in memory until its decision',
  expected_new_traces_per_sec: 'an allocation hint only',
  decision_cache: 'caches decisions for spans arriving after them; a complete dump has none',
  block_on_overflow: 'every trace is taken to fit in memory until its decision',
  drop_pending_traces_on_shutdown: 'the dump is read to its end before any decision',
  tail_storage: 'where spans wait changes no decision',
};

/** Policy types of the Collector that tracectl cannot evaluate, and why. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  ottl_condition: 'OTTL conditions are not evaluated by tracectl',
  bytes_limiting: 'the size of a trace in protobuf bytes is not known to tracectl',
  trace_flags: 'span trace flags are not kept by tracectl',
  not: 'the not policy is not evaluated by tracectl',
};

/** Each policy type's own block, with the keys the Collector knows in it. */
const BLOCK_KEYS: Readonly<Record<string, readonly string[]>> = {
  latency: ['threshold_ms', 'upper_threshold_ms'],
  numeric_attribute: ['key', 'min_value', 'max_value', 'invert_match'],
  probabilistic: ['hash_salt', 'sampling_percentage'],
  status_code: ['status_codes'],
  string_attribute: ['key', 'values', 'enabled_regex_matching', 'cache_max_size', 'invert_match'],
  boolean_attribute: ['key', 'value', 'invert_match'],
  rate_limiting: ['spans_per_second', 'burst_capacity'],
  span_count: ['min_spans', 'max_spans'],
  trace_state: ['key', 'values'],
  and: ['and_sub_policy'],
  drop: ['drop_sub_policy'],
  composite: ['max_total_spans_per_second', 'policy_order', 'composite_sub_policy', 'rate_allocation'],
  bytes_limiting: ['bytes_per_second', 'burst_capacity'],
  ottl_condition: ['error_mode', 'span', 'spanevent'],
  not: ['not_sub_policy'],
};

/** Which kinds of policy may stand where (processor.go, and_helper.go, drop_helper.go, composite_helper.go). */
type Level = 'top' | 'and' | 'drop' | 'composite';

export interface ParsedPolicyFile {
  readonly config: TailSamplingConfig;
  /** Other tail_sampling processors in the file, when `processorId` picked one. */
  readonly processors: readonly string[];
}

/** Parses `text` (the file `file`); `processorId` picks a processor when a Collector config has several. */
export function parsePolicyFile(text: string, file: string, processorId?: string): ParsedPolicyFile {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const at = e.linePos?.[0];
    throw new PolicyFileError(`${file}:${at !== undefined ? `${at.line}:${at.col}: ` : ' '}${e.message.split('\n')[0]}`);
  }
  const root: unknown = doc.toJS();
  if (!isObj(root)) throw new PolicyFileError(`${file}: not a YAML mapping`);
  const { block, id, processors } = findProcessor(root, file, processorId);
  return { config: readConfig(block, `${file}: ${id}`, id), processors };
}

function findProcessor(root: Obj, file: string, processorId: string | undefined): { block: Obj; id: string; processors: string[] } {
  const fromMap = (map: Obj, where: string): { block: Obj; id: string; processors: string[] } => {
    const ids = Object.keys(map).filter((k) => k === 'tail_sampling' || k.startsWith('tail_sampling/'));
    if (ids.length === 0) throw new PolicyFileError(`${file}: no tail_sampling processor under ${where}`);
    let id: string;
    if (processorId !== undefined) {
      if (!ids.includes(processorId)) throw new PolicyFileError(`${file}: no processor ${processorId} (found: ${ids.join(', ')})`);
      id = processorId;
    } else if (ids.length > 1) {
      throw new PolicyFileError(`${file}: ${ids.length} tail_sampling processors (${ids.join(', ')}): pick one with --processor`);
    } else {
      id = ids[0]!;
    }
    const block = map[id] ?? {};
    if (!isObj(block)) throw new PolicyFileError(`${file}: ${id} is not a mapping`);
    return { block, id, processors: ids };
  };
  if (isObj(root.processors)) return fromMap(root.processors, 'processors');
  if (root.policies !== undefined) {
    if (processorId !== undefined) throw new PolicyFileError(`${file}: --processor ${processorId}, but the file is one processor's configuration`);
    return { block: root, id: 'tail_sampling', processors: [] };
  }
  return fromMap(root, 'the top level');
}

function readConfig(block: Obj, where: string, id: string): TailSamplingConfig {
  const assumed: { option: string; why: string }[] = [];
  let sampleOnFirstMatch = false;
  for (const [key, value] of Object.entries(block)) {
    if (key === 'policies') continue;
    if (key === 'sample_on_first_match') {
      sampleOnFirstMatch = bool(value, `${where}: sample_on_first_match`);
    } else if (key === 'sampling_strategy') {
      if (value !== 'trace-complete') throw new PolicyFileError(`${where}: sampling_strategy ${show(value)} cannot be evaluated by tracectl (only trace-complete: decisions on whole traces)`);
    } else if (key === 'maximum_trace_size_bytes') {
      if (num(value, `${where}: maximum_trace_size_bytes`) !== 0) throw new PolicyFileError(`${where}: maximum_trace_size_bytes cannot be evaluated by tracectl (the size of a trace in protobuf bytes is not known to it)`);
    } else if (Object.hasOwn(TOP_LEVEL_ASSUMED, key)) {
      assumed.push({ option: key, why: TOP_LEVEL_ASSUMED[key]! });
    } else {
      throw new PolicyFileError(`${where}: unknown option '${key}'`);
    }
  }
  const raw = block.policies;
  if (!Array.isArray(raw) || raw.length === 0) throw new PolicyFileError(`${where}: no policies`);
  const names = new Set<string>();
  const policies = raw.map((p, i) => {
    const policy = readPolicy(p, `${where}: policies[${i}]`, 'top', assumed);
    if (names.has(policy.name)) throw new PolicyFileError(`${where}: duplicate policy name '${policy.name}'`);
    names.add(policy.name);
    return policy;
  });
  return { id, policies, sampleOnFirstMatch, assumed };
}

function readPolicy(raw: unknown, where: string, level: Level, assumed: { option: string; why: string }[]): NamedPolicy {
  if (!isObj(raw)) throw new PolicyFileError(`${where}: not a mapping`);
  const name = raw.name === undefined ? '' : str(raw.name, `${where}: name`);
  if (name === '' && level === 'top') throw new PolicyFileError(`${where}: policy name cannot be empty`);
  const label = name === '' ? where : `${where} (${name})`;
  const type = raw.type;
  if (typeof type !== 'string' || type === '') throw new PolicyFileError(`${label}: no type`);
  if (Object.hasOwn(UNSUPPORTED, type)) throw new PolicyFileError(`${label}: policy type ${type} cannot be evaluated: ${UNSUPPORTED[type]}`);
  if (!Object.hasOwn(BLOCK_KEYS, type) && type !== 'always_sample') throw new PolicyFileError(`${label}: unknown policy type '${type}'`);
  const allowed: Readonly<Record<Level, (t: string) => boolean>> = {
    top: () => true,
    and: (t) => t !== 'and' && t !== 'drop' && t !== 'composite',
    drop: (t) => t !== 'and' && t !== 'drop' && t !== 'composite',
    composite: (t) => t !== 'drop' && t !== 'composite',
  };
  if (!allowed[level](type)) throw new PolicyFileError(`${label}: a ${type} policy cannot stand inside a ${level} policy (the Collector refuses it)`);
  for (const key of Object.keys(raw)) {
    if (key === 'name' || key === 'type') continue;
    if (!Object.hasOwn(BLOCK_KEYS, key)) throw new PolicyFileError(`${label}: unknown key '${key}'`);
    if (key !== type) assumed.push({ option: `${label}: ${key}`, why: `a ${key} block on a ${type} policy, which the Collector ignores` });
  }
  const block = raw[type] ?? {};
  if (!isObj(block)) throw new PolicyFileError(`${label}: ${type} is not a mapping`);
  if (type !== 'always_sample') {
    for (const key of Object.keys(block)) if (!BLOCK_KEYS[type]!.includes(key)) throw new PolicyFileError(`${label}: unknown key '${type}.${key}'`);
  }
  const at = (key: string): string => `${label}: ${type}.${key}`;
  const config = ((): PolicyConfig => {
    switch (type) {
      case 'always_sample':
        return { type };
      case 'latency':
        return { type, thresholdMs: int(block.threshold_ms, at('threshold_ms')), upperThresholdMs: int(block.upper_threshold_ms, at('upper_threshold_ms')) };
      case 'numeric_attribute': {
        const min = bigint(block.min_value, at('min_value'));
        const max = bigint(block.max_value, at('max_value'));
        if (min === 0n && max === 0n) throw new PolicyFileError(`${label}: numeric_attribute needs min_value or max_value (the Collector builds no evaluator without either)`);
        if (min !== 0n && max !== 0n && min > max) throw new PolicyFileError(`${label}: numeric_attribute min_value is above max_value`);
        return {
          type,
          key: str(block.key ?? '', at('key')),
          minValue: min === 0n ? undefined : min,
          maxValue: max === 0n ? undefined : max,
          invertMatch: bool(block.invert_match ?? false, at('invert_match')),
        };
      }
      case 'probabilistic':
        return { type, hashSalt: str(block.hash_salt ?? '', at('hash_salt')), samplingPercentage: num(block.sampling_percentage ?? 0, at('sampling_percentage')) };
      case 'status_code': {
        const codes = strList(block.status_codes, at('status_codes'));
        if (codes.length === 0) throw new PolicyFileError(`${label}: expected at least one status code to filter on`);
        for (const c of codes) if (c !== 'OK' && c !== 'ERROR' && c !== 'UNSET') throw new PolicyFileError(`${label}: unknown status code "${c}", supported: OK, ERROR, UNSET`);
        return { type, statusCodes: codes as ('OK' | 'ERROR' | 'UNSET')[] };
      }
      case 'string_attribute':
        if (block.cache_max_size !== undefined) int(block.cache_max_size, at('cache_max_size'));
        return {
          type,
          key: str(block.key ?? '', at('key')),
          values: strList(block.values, at('values')),
          enabledRegexMatching: bool(block.enabled_regex_matching ?? false, at('enabled_regex_matching')),
          invertMatch: bool(block.invert_match ?? false, at('invert_match')),
        };
      case 'boolean_attribute':
        return { type, key: str(block.key ?? '', at('key')), value: bool(block.value ?? false, at('value')), invertMatch: bool(block.invert_match ?? false, at('invert_match')) };
      case 'rate_limiting': {
        const sps = int(block.spans_per_second, at('spans_per_second'));
        const burst = int(block.burst_capacity, at('burst_capacity'));
        // processor.go: burst_capacity > 0 sets the bucket, else NewRateLimiting's 2 × spans_per_second.
        return { type, spansPerSecond: sps, burstCapacity: burst > 0 ? burst : sps * 2 };
      }
      case 'span_count':
        return { type, minSpans: int(block.min_spans, at('min_spans')), maxSpans: int(block.max_spans, at('max_spans')) };
      case 'trace_state':
        return { type, key: str(block.key ?? '', at('key')), values: strList(block.values, at('values')) };
      case 'and':
      case 'drop': {
        const list = block[`${type}_sub_policy`];
        if (!Array.isArray(list)) throw new PolicyFileError(`${label}: ${type}.${type}_sub_policy is not a list`);
        return { type, subPolicies: list.map((p, i) => readPolicy(p, `${label}: ${type}_sub_policy[${i}]`, type, assumed)) };
      }
      case 'composite':
        return readComposite(block, label, assumed);
      default:
        throw new PolicyFileError(`${label}: unknown policy type '${type}'`);
    }
  })();
  return { ...config, name };
}

/** composite_helper.go: allocations of `percent` of the total (or an equal share when percent is 0), truncated to whole spans. */
function readComposite(block: Obj, label: string, assumed: { option: string; why: string }[]): PolicyConfig {
  const total = int(block.max_total_spans_per_second, `${label}: composite.max_total_spans_per_second`);
  const list = block.composite_sub_policy;
  if (!Array.isArray(list)) throw new PolicyFileError(`${label}: composite.composite_sub_policy is not a list`);
  const subPolicies = list.map((p, i) => readPolicy(p, `${label}: composite_sub_policy[${i}]`, 'composite', assumed));
  const allocations = new Map<string, number>();
  const rates = block.rate_allocation ?? [];
  if (!Array.isArray(rates)) throw new PolicyFileError(`${label}: composite.rate_allocation is not a list`);
  rates.forEach((r, i) => {
    const where = `${label}: composite.rate_allocation[${i}]`;
    if (!isObj(r)) throw new PolicyFileError(`${where}: not a mapping`);
    for (const key of Object.keys(r)) if (key !== 'policy' && key !== 'percent') throw new PolicyFileError(`${where}: unknown key '${key}'`);
    const percent = int(r.percent, `${where}.percent`);
    const share = percent > 0 ? (percent / 100) * total : total / subPolicies.length;
    allocations.set(str(r.policy ?? '', `${where}.policy`), Math.trunc(share));
  });
  if (block.policy_order !== undefined) {
    strList(block.policy_order, `${label}: composite.policy_order`);
    assumed.push({ option: `${label}: composite.policy_order`, why: 'the Collector evaluates composite_sub_policy in its own order and does not read policy_order' });
  }
  return { type: 'composite', maxTotalSpansPerSecond: total, subPolicies, allocations };
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

function str(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new PolicyFileError(`${where}: expected a string, got ${show(value)}`);
}

function strList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PolicyFileError(`${where}: expected a list, got ${show(value)}`);
  return value.map((v, i) => str(v, `${where}[${i}]`));
}

function bool(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new PolicyFileError(`${where}: expected true or false, got ${show(value)}`);
}

/** A number; go-yaml also reads `100_000`. Absent is Go's zero. */
function num(value: unknown, where: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^[+-]?\d[\d_]*(\.\d+)?$/.test(value)) return Number(value.replace(/_/g, ''));
  throw new PolicyFileError(`${where}: expected a number, got ${show(value)}`);
}

function int(value: unknown, where: string): number {
  const n = num(value, where);
  if (!Number.isSafeInteger(n)) throw new PolicyFileError(`${where}: expected a whole number, got ${show(value)}`);
  return n;
}

function bigint(value: unknown, where: string): bigint {
  if (typeof value === 'string' && /^[+-]?\d[\d_]*$/.test(value)) return BigInt(value.replace(/_/g, ''));
  return BigInt(int(value, where));
}
