/**
 * Zipkin endpoints: who recorded a span (localEndpoint, or a v1 annotation's endpoint) and who it
 * talked to (remoteEndpoint, v1 `ca`/`sa`/`ma`). The local one becomes the span's service, resource
 * and host; the remote one becomes peer attributes, the names OpenTelemetry's Zipkin bridge uses.
 */
import type { AttrValue, Attributes } from '../../model/span.js';
import { addressesKey } from '../../model/host.js';
import { isObject } from '../decoder.js';
import { field, type EndpointWire } from './wire.js';

/** An endpoint after validation: only the facts that were usable are present. */
export interface Endpoint {
  readonly serviceName?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly port?: number;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A TCP/UDP port; Zipkin writes 0 for "unknown", so only 1..65535 counts. */
function readPort(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 65535 ? value : undefined;
}

/** The endpoint of a parsed JSON value, or undefined when it is not an object. */
export function readEndpoint(raw: unknown): Endpoint | undefined {
  if (!isObject(raw)) return undefined;
  const out: { -readonly [K in keyof Endpoint]: Endpoint[K] } = {};
  const serviceName = nonEmptyString(field<EndpointWire>(raw, 'serviceName'));
  const ipv4 = nonEmptyString(field<EndpointWire>(raw, 'ipv4'));
  const ipv6 = nonEmptyString(field<EndpointWire>(raw, 'ipv6'));
  const port = readPort(field<EndpointWire>(raw, 'port'));
  if (serviceName !== undefined) out.serviceName = serviceName;
  if (ipv4 !== undefined) out.ipv4 = ipv4;
  if (ipv6 !== undefined) out.ipv6 = ipv6;
  if (port !== undefined) out.port = port;
  return out;
}

/** The address of an endpoint: IPv4 when given, else IPv6. */
function endpointIp(endpoint: Endpoint | undefined): string | undefined {
  return endpoint?.ipv4 ?? endpoint?.ipv6;
}

/** The host key of an endpoint: its address, or both of a dual-stack one (compared by either, as Zipkin does). */
export function endpointHost(endpoint: Endpoint | undefined): string | undefined {
  return addressesKey([endpoint?.ipv4, endpoint?.ipv6]);
}

/** Resource attributes of the local endpoint: `service.name`, `host.ip`, `host.port`. */
export function endpointResource(endpoint: Endpoint | undefined): Attributes {
  const out: Record<string, AttrValue> = {};
  if (endpoint?.serviceName !== undefined) out['service.name'] = endpoint.serviceName;
  const ip = endpointIp(endpoint);
  if (ip !== undefined) out['host.ip'] = ip;
  if (endpoint?.port !== undefined) out['host.port'] = endpoint.port;
  return out;
}

/** Peer attributes of the remote endpoint: `peer.service`, `net.peer.ip`, `net.peer.port`. */
export function peerAttributes(endpoint: Endpoint | undefined): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  if (endpoint?.serviceName !== undefined) out['peer.service'] = endpoint.serviceName;
  const ip = endpointIp(endpoint);
  if (ip !== undefined) out['net.peer.ip'] = ip;
  if (endpoint?.port !== undefined) out['net.peer.port'] = endpoint.port;
  return out;
}

/** The endpoint without its service name (a peer that is really the span's own service). */
export function withoutServiceName(endpoint: Endpoint): Endpoint {
  const { serviceName: _dropped, ...rest } = endpoint;
  return rest;
}
