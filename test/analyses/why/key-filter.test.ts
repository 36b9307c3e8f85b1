import { describe, expect, it } from 'vitest';
import { KeyFilter, parseKeyName, STATUS_KEYS } from '../../../src/analyses/why/key-filter.js';

describe('KeyFilter', () => {
  it('names keys as --where does', () => {
    expect(parseKeyName('service')).toEqual({ scope: 'intrinsic', key: 'service' });
    expect(parseKeyName('name')).toEqual({ scope: 'intrinsic', key: 'operation' });
    expect(parseKeyName('attr.db.system')).toEqual({ scope: 'span', key: 'db.system' });
    expect(parseKeyName('span.db.system')).toEqual({ scope: 'span', key: 'db.system' });
    expect(parseKeyName('resource.host.name')).toEqual({ scope: 'resource', key: 'host.name' });
    expect(parseKeyName(' db.system ')).toEqual({ scope: 'any', key: 'db.system' });
  });

  it('skips what defines the sides, what repeats a span field, and what the user left out', () => {
    const f = new KeyFilter({ selectionFields: STATUS_KEYS, baselineFields: [{ scope: 'any', key: 'zone' }], ignore: ['resource.host.name'] });
    expect(f.skipReason('intrinsic', 'status')).toBe('defines the selection');
    expect(f.skipReason('span', 'otel.status_code')).toBe('defines the selection');
    expect(f.skipReason('resource', 'zone')).toBe('defines the baseline');
    expect(f.skipReason('span', 'zone')).toBe('defines the baseline');
    expect(f.skipReason('resource', 'service.name')).toBe('same as service');
    expect(f.skipReason('span', 'span.kind')).toBe('same as kind');
    expect(f.skipReason('resource', 'host.name')).toBeNull();
    expect(f.skipReason('span', 'host.name')).toBeUndefined();
    expect(f.skipReason('intrinsic', 'duration')).toBeUndefined();
  });

  it('--attrs keeps only the keys named', () => {
    const f = new KeyFilter({ selectionFields: [], baselineFields: [], only: ['service', 'db.system'] });
    expect(f.skipReason('intrinsic', 'service')).toBeUndefined();
    expect(f.skipReason('span', 'db.system')).toBeUndefined();
    expect(f.skipReason('resource', 'db.system')).toBeUndefined();
    expect(f.skipReason('intrinsic', 'kind')).toBeNull();
    expect(f.skipReason('span', 'other')).toBeNull();
  });
});
