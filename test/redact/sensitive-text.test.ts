import { describe, expect, it } from 'vitest';
import { SensitiveText, type SensitiveKind } from '../../src/redact/sensitive-text.js';
import { luhnValid } from '../../src/redact/luhn.js';

function redactor(): { text: SensitiveText; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const text = new SensitiveText({ found: (k: SensitiveKind) => void (counts[k] = (counts[k] ?? 0) + 1) });
  return { text, counts };
}

describe('SensitiveText', () => {
  it.each([
    ['login failed for bob.smith+x@corp.example.org today', 'login failed for [email] today', { email: 1 }],
    ['Authorization: Bearer abc.DEF-123_~+/=', 'Authorization: Bearer [token]', { bearer: 1 }],
    ['retry with Basic dXNlcjpwYXNz', 'retry with Basic [token]', { bearer: 1 }],
    ['postgres://app:pw-secret@db.internal/app', 'postgres://app:[redacted]@db.internal/app', { bearer: 1 }],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x end', 'jwt [jwt] end', { jwt: 1 }],
    ['card 4111 1111 1111 1111 ok', 'card [card] ok', { card: 1 }],
    ['card 4111-1111-1111-1111', 'card [card]', { card: 1 }],
    ['card 5555555555554444', 'card [card]', { card: 1 }],
    ['GET /cb?code=n8ce82b2e9&state=xyz&page=2', 'GET /cb?code=[redacted]&state=[redacted]&page=2', { bearer: 2 }],
    ['https://s3/x?X-Amz-Signature=abc123&api_key=k1', 'https://s3/x?X-Amz-Signature=[redacted]&api_key=[redacted]', { bearer: 2 }],
  ])('%s', (input, output, counts) => {
    const r = redactor();
    expect(r.text.redact(input)).toBe(output);
    expect(r.counts).toEqual(counts);
  });

  it('leaves alone what only looks alike: non-Luhn numbers, epoch timestamps, times, versions, C++ names, ids', () => {
    const r = redactor();
    for (const s of [
      'order 4111 1111 1111 1112',
      'at 1700000000000000000 ns',
      'at 1700000000000000 µs',
      'started 12:30:45.123',
      'version 1.2.3',
      'std::vector<int>::push_back',
      'Cache::get',
      'trace 4bf92f3577b34da6a3ce929d0e0e4736',
      'GET /api/v1/users/42',
    ]) {
      expect(r.text.redact(s), s).toBe(s);
    }
    expect(r.counts).toEqual({});
  });

  it('gives each distinct IP address its own documentation address, the same one every time', () => {
    const r = redactor();
    expect(r.text.redact('from 10.1.2.3 to 10.1.2.4')).toBe('from 192.0.2.1 to 192.0.2.2');
    expect(r.text.redact('again 10.1.2.3')).toBe('again 192.0.2.1');
    expect(r.text.redact('v6 2a00:1450:4001:81b::200e and fe80::1')).toBe('v6 2001:db8::1 and 2001:db8::2');
    expect(r.text.redact('2a00:1450:4001:81b::200e')).toBe('2001:db8::1');
    expect(r.counts).toEqual({ ip: 6 });
  });

  // A scan that backtracks would not end on these (a hang is caught by the test's timeout; how long
  // it takes is the benchmark's business). None of them is an address, token, JWT or IP: kept whole.
  it('ends on long strings: 10 MB of letters, digits and dots with an "@", "://", "eyJ" and "::" in them', () => {
    const r = redactor();
    for (const filler of ['a', '4', '1.', 'e:']) {
      const big = `${filler.repeat(5_000_000)}@x eyJ :// ::`;
      expect(r.text.redact(big) === big, filler).toBe(true);
    }
    expect(r.counts).toEqual({});
  });

  it('numbers written as numbers: card numbers only when Luhn-valid and card-like', () => {
    const { text } = redactor();
    expect(text.isCardNumber('4012888888881881')).toBe(true);
    expect(text.isCardNumber('4012888888881882')).toBe(false);
    expect(text.isCardNumber('1700000000000000')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
