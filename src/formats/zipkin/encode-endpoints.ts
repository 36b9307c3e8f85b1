/**
 * Zipkin endpoints from a normalized span. The local endpoint (who recorded the span) takes the
 * service, and the IP address and port from the resource (or the span's host when that is an
 * address: both of a dual-stack one); the remote endpoint (who it talked to) takes `peer.service`,
 * `net.peer.ip` and `net.peer.port`, the attributes the decoder makes of it, so a Zipkin span comes
 * back unchanged.
 * An endpoint holds nothing else: other resource attributes and host names are lost and counted.
 */
import type { AttrValue, Attributes, Span } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';
import { hostAddresses } from '../../model/host.js';
import { ipVersion } from '../encode/ip.js';
import type { LossTally } from '../encode/losses.js';

export interface ZipkinEndpointOut {
  serviceName?: string;
  ipv4?: string;
  ipv6?: string;
  port?: number;
}

/** Resource keys that may hold this span's own address, most specific first. */
const LOCAL_IP_KEYS = ['host.ip', 'ip', 'net.host.ip'] as const;
const LOCAL_PORT_KEYS = ['host.port', 'net.host.port'] as const;
const PEER_KEYS = { service: 'peer.service', ip: 'net.peer.ip', port: 'net.peer.port' } as const;

function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

/** An address text (or the first address of a `host.ip` list). */
function addressOf(value: AttrValue | undefined): string | undefined {
  const first = Array.isArray(value) ? value.find((v) => typeof v === 'string') : value;
  return typeof first === 'string' && ipVersion(first) !== undefined ? first : undefined;
}

function portOf(value: AttrValue | undefined): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined;
}

function setAddress(endpoint: ZipkinEndpointOut, ip: string): void {
  if (ipVersion(ip) === 4) endpoint.ipv4 = ip;
  else endpoint.ipv6 = ip;
}

export function localEndpoint(span: Span, losses: LossTally): ZipkinEndpointOut | undefined {
  const endpoint: ZipkinEndpointOut = {};
  const used = new Set<string>(['service.name']);
  if (span.service !== UNKNOWN_SERVICE) endpoint.serviceName = span.service;
  const ipKey = LOCAL_IP_KEYS.find((key) => addressOf(own(span.resource, key)) !== undefined);
  if (ipKey !== undefined) {
    setAddress(endpoint, addressOf(own(span.resource, ipKey))!);
    used.add(ipKey);
  }
  // The host's addresses (both of a dual-stack endpoint) fill in what the resource did not say.
  const hostIps = span.host === undefined ? [] : (hostAddresses(span.host) ?? [span.host]).filter((a) => ipVersion(a) !== undefined);
  for (const ip of hostIps) {
    if (ipVersion(ip) === 4) endpoint.ipv4 ??= ip;
    else endpoint.ipv6 ??= ip;
  }
  if (ipKey === undefined && hostIps.length === 0 && span.host !== undefined) losses.add('host-name');
  const portKey = LOCAL_PORT_KEYS.find((key) => portOf(own(span.resource, key)) !== undefined);
  if (portKey !== undefined) {
    endpoint.port = portOf(own(span.resource, portKey));
    used.add(portKey);
  }
  if (Object.keys(span.resource).some((key) => !used.has(key))) losses.add('resource-attributes');
  return Object.keys(endpoint).length > 0 ? endpoint : undefined;
}

/** The remote endpoint and the attribute keys it took over (left out of the tags). */
export function remoteEndpoint(span: Span): { endpoint: ZipkinEndpointOut | undefined; used: Set<string> } {
  const endpoint: ZipkinEndpointOut = {};
  const used = new Set<string>();
  const service = own(span.attributes, PEER_KEYS.service);
  if (typeof service === 'string' && service !== '') {
    endpoint.serviceName = service;
    used.add(PEER_KEYS.service);
  }
  const ip = addressOf(own(span.attributes, PEER_KEYS.ip));
  if (ip !== undefined && typeof own(span.attributes, PEER_KEYS.ip) === 'string') {
    setAddress(endpoint, ip);
    used.add(PEER_KEYS.ip);
  }
  const port = own(span.attributes, PEER_KEYS.port);
  if (typeof port === 'number' && portOf(port) !== undefined) {
    endpoint.port = port;
    used.add(PEER_KEYS.port);
  }
  return { endpoint: Object.keys(endpoint).length > 0 ? endpoint : undefined, used };
}
