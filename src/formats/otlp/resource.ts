/**
 * What a span inherits from its OTLP resource: the service (resource `service.name`, else
 * `unknown_service` as OpenTelemetry itself does) and the host used for clock-skew decisions
 * (the shared rule: first of `host.name`, `hostname`, `host.ip`, `ip`).
 */
import type { AttrValue, Attributes } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';

const HOST_KEYS = ['host.name', 'hostname', 'host.ip', 'ip'] as const;

/** A usable text for an identity attribute. `host.ip` is a string array in the semantic conventions. */
function identityText(value: AttrValue | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string' && item !== '') return item;
    }
  }
  return undefined;
}

function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

export function serviceOf(resource: Attributes): string {
  const name = own(resource, 'service.name');
  return typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
}

export function hostOf(resource: Attributes): string | undefined {
  for (const key of HOST_KEYS) {
    const text = identityText(own(resource, key));
    if (text !== undefined) return text;
  }
  return undefined;
}
