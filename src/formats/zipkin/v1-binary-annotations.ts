/**
 * Zipkin v1 `binaryAnnotations`: key/value facts, each recorded on an endpoint. Most are tags; the
 * address annotations `ca` (client address), `sa` (server address) and `ma` (message broker) instead
 * name the peer of one side of the span, and `lc` (local component) marks an in-process span and
 * says where it ran.
 */
import { isObject } from '../decoder.js';
import { tagString } from './attrs.js';
import { type Endpoint, readEndpoint } from './endpoint.js';
import { type BinaryAnnotationWire, field } from './wire.js';

interface BinaryTag {
  readonly key: string;
  readonly value: string;
  readonly endpoint: Endpoint | undefined;
}

export interface BinaryAnnotations {
  readonly tags: BinaryTag[];
  /** The first endpoint given by each address annotation. */
  readonly ca?: Endpoint;
  readonly sa?: Endpoint;
  readonly ma?: Endpoint;
  /** The `lc` annotation, when present: a local span. */
  readonly lc?: BinaryTag;
}

type Address = 'ca' | 'sa' | 'ma';

function isAddress(key: string): key is Address {
  return key === 'ca' || key === 'sa' || key === 'ma';
}

export function readBinaryAnnotations(raw: unknown): BinaryAnnotations {
  const tags: BinaryTag[] = [];
  const addresses: Partial<Record<Address, Endpoint>> = {};
  let lc: BinaryTag | undefined;
  if (!Array.isArray(raw)) return { tags };
  for (const item of raw as unknown[]) {
    if (!isObject(item)) continue;
    const key = field<BinaryAnnotationWire>(item, 'key');
    if (typeof key !== 'string' || key === '') continue;
    const endpoint = readEndpoint(field<BinaryAnnotationWire>(item, 'endpoint'));
    if (isAddress(key)) {
      // The value is only a marker (true, or "1" from old zipkin-ruby); the endpoint is the fact.
      // The first one wins: Finagle repeats `sa`/`ca` with the other side's service name.
      if (endpoint !== undefined && addresses[key] === undefined) addresses[key] = endpoint;
      continue;
    }
    const value = tagString(field<BinaryAnnotationWire>(item, 'value'));
    if (value === undefined) continue;
    const tag: BinaryTag = { key, value, endpoint };
    tags.push(tag);
    if (key === 'lc' && lc === undefined) lc = tag;
  }
  return { tags, ...addresses, ...(lc === undefined ? {} : { lc }) };
}
