/**
 * Jaeger processes: who emitted a span. The UI JSON keeps them once per trace in `processes` keyed
 * by arbitrary ids ("p1"); the anonymizer, jaeger-ui's internal shape and api_v2 put one inline on
 * each span; an api_v2 Batch has one for all its spans. Process tags become the span's resource
 * (and nothing else), and the host used for clock-skew decisions is read from them (../host-key.ts).
 */
import type { Attributes } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { ownValue } from './own.js';
import { decodeTags } from './tags.js';
import { hostFromResource } from '../host-key.js';

export interface ProcessInfo {
  readonly service: string;
  readonly resource: Attributes;
  readonly host?: string;
}

/** A process object as service, resource and host; undefined when `raw` is not an object. */
export function decodeProcess(raw: unknown): ProcessInfo | undefined {
  if (!isObject(raw)) return undefined;
  const name = ownValue(raw, 'serviceName');
  const resource = decodeTags(ownValue(raw, 'tags'));
  const host = hostFromResource(resource);
  return {
    service: typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE,
    resource,
    ...(host !== undefined ? { host } : {}),
  };
}

/**
 * A trace's `processes` map, decoded on first use and then shared by every span that names it:
 * a trace of thousands of spans usually has a handful of processes.
 */
export class ProcessTable {
  private readonly raw: Readonly<Record<string, unknown>>;
  private readonly decoded = new Map<string, ProcessInfo | undefined>();

  constructor(raw: unknown) {
    this.raw = isObject(raw) ? raw : {};
  }

  lookup(processId: string): ProcessInfo | undefined {
    if (this.decoded.has(processId)) return this.decoded.get(processId);
    const info = decodeProcess(ownValue(this.raw, processId));
    this.decoded.set(processId, info);
    return info;
  }
}
