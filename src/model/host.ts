/**
 * Host identity, for clock-skew decisions: spans timed on one host share one clock. Formats read
 * `Span.host` from what the producer said (a resource's host.id, host.ip, host.name; a Jaeger
 * process's `ip`; a Zipkin endpoint's address). A host known by several addresses (a dual-stack
 * Zipkin endpoint with IPv4 and IPv6, an OpenTelemetry `host.ip` list) is written as its addresses
 * separated by spaces, and two hosts are the same when they share an address, as Zipkin compares
 * endpoints: a process that reported only its IPv6 address is not taken for another host than the
 * one that reported both. Host names are compared whole (a name may hold spaces; an address never).
 */

/** Most addresses one host key holds: a dump can list any number; a host has a few. */
const MAX_ADDRESSES = 8;

/** Looks like an IPv4 or IPv6 address (digits, hex, dots and colons): never a name with a space. */
function isAddress(text: string): boolean {
  return /^[0-9a-fA-F:.]+$/.test(text) && (text.includes('.') || text.includes(':'));
}

/**
 * The key of a host known by these addresses (empty ones and repeats left out); undefined when none.
 * A list holding anything that is not an address (a name given as host.ip) is keyed by its first entry.
 */
export function addressesKey(addresses: readonly (string | undefined)[]): string | undefined {
  const kept: string[] = [];
  for (const a of addresses) if (a !== undefined && a !== '' && !kept.includes(a)) kept.push(a);
  if (kept.length <= 1 || !kept.every(isAddress)) return kept[0];
  return kept.slice(0, MAX_ADDRESSES).join(' ');
}

/** The addresses a host key stands for, or undefined when it is a single name or address. */
export function hostAddresses(key: string): string[] | undefined {
  if (!key.includes(' ')) return undefined;
  const parts = key.split(' ');
  return parts.every(isAddress) ? parts : undefined;
}

/** Whether two host keys name one host: equal, or sharing an address. */
export function sameHost(a: string, b: string): boolean {
  if (a === b) return true;
  const as = hostAddresses(a);
  const bs = hostAddresses(b);
  if (as === undefined && bs === undefined) return false;
  const left = as ?? [a];
  const right = bs ?? [b];
  return left.some((x) => right.includes(x));
}
