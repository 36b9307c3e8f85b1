/**
 * Whether a host text is an IP address, and which version. Zipkin endpoints hold addresses in
 * `ipv4` / `ipv6`, never host names, so an encoder must tell the two apart before writing one there.
 * A syntax check only (no DNS, no node:net), so encoders stay pure.
 */

// Leading zeros are allowed: real (anonymized) dumps hold addresses such as 10.0.0.04.
const V4 = /^(25[0-5]|2[0-4]\d|[01]?\d?\d)(\.(25[0-5]|2[0-4]\d|[01]?\d?\d)){3}$/;
const V6_CHARS = /^[0-9a-fA-F:.]+$/;

export function ipVersion(text: string): 4 | 6 | undefined {
  if (V4.test(text)) return 4;
  if (!text.includes(':') || !V6_CHARS.test(text)) return undefined;
  const doubleColons = text.split('::').length - 1;
  if (doubleColons > 1) return undefined;
  const groups = text.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1] ?? '';
  const embeddedV4 = last.includes('.');
  if (embeddedV4 && !V4.test(last)) return undefined;
  const hexGroups = embeddedV4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const width = hexGroups.length + (embeddedV4 ? 2 : 0);
  return doubleColons === 1 ? (width < 8 ? 6 : undefined) : width === 8 ? 6 : undefined;
}
