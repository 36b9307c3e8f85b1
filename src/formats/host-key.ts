/**
 * The host a Jaeger process or an OpenTelemetry resource ran on, read the way Jaeger's clock-skew
 * adjuster reads it: `host.id`, then `host.ip` (a string, or every address of a list), then
 * `host.name`, then the tags Jaeger's own clients write, `hostname` (what Jaeger's OTLP translation
 * turns into host.name) and `ip` (the only key Jaeger's first adjuster read; an integer there is an
 * IPv4 address packed into 32 bits, as Java clients wrote it). One rule for every format, so spans
 * of one host read from Jaeger and from OTLP meet.
 */
import type { AttrValue, Attributes } from '../model/span.js';
import { addressesKey } from '../model/host.js';

function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

function text(value: AttrValue | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** `host.ip`: one address, or a list of them (the semantic conventions' type). */
function addresses(value: AttrValue | undefined): string | undefined {
  if (!Array.isArray(value)) return text(value);
  return addressesKey(value.map((v) => (typeof v === 'string' ? v : undefined)));
}

/** Jaeger's `ip` tag: a string, or an IPv4 address packed into a (possibly negative) 32-bit integer. */
function jaegerIp(value: AttrValue | undefined): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 32) {
    const n = value >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  return text(value);
}

export function hostFromResource(resource: Attributes): string | undefined {
  return (
    text(own(resource, 'host.id')) ??
    addresses(own(resource, 'host.ip')) ??
    text(own(resource, 'host.name')) ??
    text(own(resource, 'hostname')) ??
    jaegerIp(own(resource, 'ip'))
  );
}
