import { describe, expect, it } from 'vitest';
import { IdRemapper } from '../../src/redact/id-remapper.js';
import { normalizeSpanId, normalizeTraceId } from '../../src/model/ids.js';

describe('IdRemapper', () => {
  it('maps every spelling of one id to the same new id, in the same spelling', () => {
    const ids = new IdRemapper();
    const plain = ids.remap('00f067aa0ba902b7');
    expect(plain).toMatch(/^[1-9a-f][0-9a-f]{15}$/);
    // Leading zeros dropped, upper case, 128 bits with a zero high half: tracectl reads them all as one id.
    const stripped = ids.remap('f067aa0ba902b7');
    const upper = ids.remap('00F067AA0BA902B7');
    const wide = ids.remap('000000000000000000f067aa0ba902b7');
    expect(normalizeSpanId(stripped)).toBe(normalizeSpanId(plain));
    expect(upper).toBe(plain.toUpperCase());
    expect(normalizeTraceId(wide)).toBe(normalizeTraceId(plain));
    // Base64 (protobuf JSON) of the same 8 bytes.
    const b64 = ids.remap(Buffer.from('00f067aa0ba902b7', 'hex').toString('base64'));
    expect(Buffer.from(b64, 'base64').toString('hex')).toBe(plain);
    expect(ids.count).toBe(1);
  });

  it('keeps ids that mean "none" and gives different ids different replacements', () => {
    const ids = new IdRemapper();
    expect(ids.remap('')).toBe('');
    expect(ids.remap('0000000000000000')).toBe('0000000000000000');
    const out = new Set<string>();
    for (let i = 1; i <= 5000; i++) out.add(ids.remap(i.toString(16).padStart(16, '0')));
    expect(out.size).toBe(5000);
    // Short spellings ("1", "00000000000000e") get full-width replacements: none comes out as it went in.
    const short = new Set<string>();
    for (let i = 1; i <= 15; i++) short.add(ids.remap(i.toString(16).padStart(16, '0')));
    expect(short.size).toBe(15);
    expect([...short].every((id) => /^[1-9a-f][0-9a-f]{15}$/.test(id))).toBe(true);
    expect(ids.remap('1')).toBe(ids.remap('0000000000000001'));
    expect(normalizeTraceId(ids.remap('00000000000000000000000000000001'))).toBe(ids.remap('1'));
  });

  it('ids that are neither hex nor base64 are replaced by letters beyond f (still not hex), consistently', () => {
    const ids = new IdRemapper();
    const a = ids.remap('not-an-id!');
    expect(a).toMatch(/^[g-v]{10}$/);
    expect(ids.remap('not-an-id!')).toBe(a);
  });
});
