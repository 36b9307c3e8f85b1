/**
 * Attribute values as Jaeger tags (`{key, type, value}` of the UI/query JSON). Jaeger tags are
 * scalars: string, bool, int64, float64 (and binary, which nothing in the model maps to), so arrays
 * and maps from OTLP are written as their JSON text and counted as a loss.
 */
import type { AttrValue } from '../../model/span.js';
import type { LossTally } from '../encode/losses.js';

export interface JaegerTagOut {
  readonly key: string;
  readonly type: 'string' | 'bool' | 'int64' | 'float64';
  readonly value: string | boolean | number;
}

function jaegerTag(key: string, value: AttrValue, losses: LossTally): JaegerTagOut {
  if (typeof value === 'string') return { key, type: 'string', value };
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return { key, type: Number.isSafeInteger(value) ? 'int64' : 'float64', value };
  if (value === null) return { key, type: 'string', value: '' };
  losses.add('structured-attributes');
  return { key, type: 'string', value: JSON.stringify(value) };
}

export function jaegerTags(entries: Iterable<readonly [string, AttrValue]>, losses: LossTally): JaegerTagOut[] {
  const out: JaegerTagOut[] = [];
  for (const [key, value] of entries) out.push(jaegerTag(key, value, losses));
  return out;
}
