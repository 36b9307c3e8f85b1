/**
 * The service a span inherits from its OTLP resource: `service.name`, else `unknown_service` as
 * OpenTelemetry itself does. (The host comes from ../host-key.ts, the rule shared by every format.)
 */
import type { AttrValue, Attributes } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';

function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

export function serviceOf(resource: Attributes): string {
  const name = own(resource, 'service.name');
  return typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
}
