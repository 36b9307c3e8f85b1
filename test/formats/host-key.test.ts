import { describe, expect, it } from 'vitest';
import { hostFromResource } from '../../src/formats/host-key.js';
import { addressesKey, sameHost } from '../../src/model/host.js';

// Jaeger's own hostKey cases are in test/reference/jaeger-cases.ts.
describe('host keys', () => {
  it("reads host.id, host.ip, host.name, then Jaeger clients' hostname and ip, in that order", () => {
    expect(hostFromResource({ 'host.id': 'i-1', 'host.ip': '10.0.0.1', 'host.name': 'box', ip: '10.0.0.2' })).toBe('i-1');
    expect(hostFromResource({ 'host.ip': '10.0.0.1', 'host.name': 'box', ip: '10.0.0.2' })).toBe('10.0.0.1');
    expect(hostFromResource({ 'host.name': 'box', hostname: 'other', ip: '10.0.0.2' })).toBe('box');
    expect(hostFromResource({ hostname: 'box', ip: '10.0.0.2' })).toBe('box');
    expect(hostFromResource({ ip: '10.0.0.2' })).toBe('10.0.0.2');
    expect(hostFromResource({ 'service.name': 's' })).toBeUndefined();
  });

  it("reads Jaeger's ip tag packed into 32 bits, as Java clients write it (signed too)", () => {
    expect(hostFromResource({ ip: 2130706433 })).toBe('127.0.0.1');
    expect(hostFromResource({ ip: -1062731775 })).toBe('192.168.0.1');
  });

  it('keys a host known by several addresses by all of them, and matches it by any', () => {
    const dual = addressesKey(['10.0.0.1', '2001:db8::1'])!;
    expect(dual).toBe('10.0.0.1 2001:db8::1');
    expect(sameHost(dual, '2001:db8::1')).toBe(true);
    expect(sameHost('10.0.0.1', dual)).toBe(true);
    expect(sameHost(dual, '10.0.0.2 2001:db8::2')).toBe(false);
    // Names are compared whole: a name may hold a space, an address never does.
    expect(sameHost("John's MacBook Pro", "Jane's MacBook Pro")).toBe(false);
    expect(addressesKey(['box', '10.0.0.1'])).toBe('box');
    expect(addressesKey(['', undefined])).toBeUndefined();
  });
});
