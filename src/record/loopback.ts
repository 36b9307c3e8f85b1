/**
 * Whether a listen address only accepts connections from this machine. Anything else exposes the
 * receiver (and the spans people send it, which can hold tokens, SQL and personal data) to the
 * network, which deserves a warning.
 */
import { isIP } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isIP(h.slice(7)) === 4 && h.slice(7).startsWith('127.');
  return false;
}

/** The address a local client should use to reach a server listening on `host`. */
export function connectHost(host: string): string {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === '0.0.0.0' || h === '') return '127.0.0.1';
  if (h === '::') return '::1';
  return h;
}

/** A host as it goes in a URL: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
