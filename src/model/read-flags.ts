/**
 * The flags a decoder puts on a span (Span.flags) from the warnings it raised while reading that
 * span, so a suspect timestamp or an invalid id shows on the span's row (`[odd-time]`, `[bad-id]`)
 * and in --json, not only in the run's warning summary, which keeps a few of each code.
 */
import type { ReadFlag } from './span.js';
import type { TraceWarning } from './warnings.js';

const ORDER: readonly ReadFlag[] = ['suspect-timestamp', 'invalid-id'];

/**
 * The flags of the warnings from `from` on, in Span.flags order; undefined when none. `skip`: a
 * range of those warnings that are about something else than the span's own values.
 */
export function readFlagsSince(warnings: readonly TraceWarning[], from: number, skip?: readonly [number, number]): ReadFlag[] | undefined {
  if (warnings.length === from) return undefined;
  let odd = false;
  let bad = false;
  for (let i = from; i < warnings.length; i++) {
    if (skip !== undefined && i >= skip[0] && i < skip[1]) continue;
    const code = warnings[i]!.code;
    if (code === 'suspect-timestamp') odd = true;
    else if (code === 'invalid-id') bad = true;
  }
  if (!odd && !bad) return undefined;
  return ORDER.filter((f) => (f === 'suspect-timestamp' ? odd : bad));
}
