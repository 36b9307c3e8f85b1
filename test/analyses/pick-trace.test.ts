import { describe, expect, it } from 'vitest';
import { pickTrace } from '../../src/analyses/pick-trace.js';
import { UsageError } from '../../src/errors.js';

const ids = (...list: string[]): { traceId: string }[] => list.map((traceId) => ({ traceId }));

function errorOf(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('pickTrace', () => {
  const dump = ids('4bf92f3577b34da6a3ce929d0e0e4736', '4bf92f3577b34da6ffffffffffffffff', '00f067aa0ba902b7', 'abcdef0123456789');

  it('finds a full id', () => {
    expect(pickTrace(dump, '00f067aa0ba902b7')).toBe(dump[2]);
    expect(pickTrace(dump, '4bf92f3577b34da6a3ce929d0e0e4736')).toBe(dump[0]);
  });

  it('finds a unique prefix, however short', () => {
    expect(pickTrace(dump, 'a')).toBe(dump[3]);
    expect(pickTrace(dump, '4bf92f3577b34da6a')).toBe(dump[0]);
  });

  it('accepts an id written the way another producer writes it', () => {
    expect(pickTrace(dump, '  ABCDEF0123456789 ')).toBe(dump[3]);
    // 128-bit with a zero high half, as an OTLP bridge pads a 64-bit id
    expect(pickTrace(dump, '0000000000000000abcdef0123456789')).toBe(dump[3]);
    // leading zero dropped (Jaeger UI fixtures have 31-digit ids)
    expect(pickTrace(ids('0af7651916cd43dd8448eb211c80319c'), 'af7651916cd43dd8448eb211c80319c')).toEqual({ traceId: '0af7651916cd43dd8448eb211c80319c' });
  });

  it('a full id wins over a longer id it is a prefix of', () => {
    const both = ids('abcdef0123456789ffffffffffffffff', 'abcdef0123456789');
    expect(pickTrace(both, 'abcdef0123456789')).toBe(both[1]);
  });

  it('an ambiguous prefix lists the candidates, sorted', () => {
    const err = errorOf(() => pickTrace(dump, '4BF9'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe("--trace '4bf9' is ambiguous: 2 traces start with it: 4bf92f3577b34da6a3ce929d0e0e4736, 4bf92f3577b34da6ffffffffffffffff");
  });

  it('names at most ten candidates', () => {
    const many = ids(...Array.from({ length: 12 }, (_, i) => `cc${i.toString(16).padStart(14, '0')}`));
    expect(errorOf(() => pickTrace(many, 'cc')).message).toBe(
      "--trace 'cc' is ambiguous: 12 traces start with it: cc00000000000000, cc00000000000001, cc00000000000002, cc00000000000003, cc00000000000004, cc00000000000005, cc00000000000006, cc00000000000007, cc00000000000008, cc00000000000009 and 2 more",
    );
  });

  it('no match says how many traces there were', () => {
    expect(errorOf(() => pickTrace(dump, 'dead')).message).toBe("no trace matches --trace 'dead' (the input has 4 traces; run 'tracectl traces' to list them)");
    expect(errorOf(() => pickTrace(ids('aa'), 'b')).message).toBe("no trace matches --trace 'b' (the input has 1 trace; run 'tracectl traces' to list them)");
  });

  it('refuses what is not hex, escaping control characters', () => {
    expect(errorOf(() => pickTrace(dump, 'xyz')).message).toBe("--trace 'xyz' is not a trace id: expected hex digits");
    expect(errorOf(() => pickTrace(dump, '')).message).toBe("--trace '' is not a trace id: expected hex digits");
    expect(errorOf(() => pickTrace(dump, 'a\u001b[31m')).message).toBe("--trace 'a\\x1b[31m' is not a trace id: expected hex digits");
  });

  it('reads a generator once', () => {
    let reads = 0;
    function* gen(): Generator<{ traceId: string }> {
      for (const item of dump) {
        reads++;
        yield item;
      }
    }
    expect(pickTrace(gen(), '00f0')).toBe(dump[2]);
    expect(reads).toBe(4);
  });
});
