/** WarningLog holding warnings by trace until the trace a run shows is known (`span` without --trace). */
import { describe, expect, it } from 'vitest';
import { WarningLog } from '../../src/model/warning-log.js';
import type { TraceWarning } from '../../src/model/warnings.js';

const orphan = (traceId: string, i: number): TraceWarning => ({ code: 'orphan-span', message: `orphan ${i}`, traceId });

describe('WarningLog.holdByTrace / keepTrace', () => {
  it("keeps the chosen trace's warnings (counts complete past the 20 kept) and those of no trace; drops the others", () => {
    const log = new WarningLog();
    log.holdByTrace();
    log.add({ code: 'skipped-span', message: 'no trace in particular' });
    for (let i = 0; i < 25; i++) log.add(orphan('aa', i));
    log.add(orphan('bb', 0), 3);
    expect(log.total).toBe(1);
    log.keepTrace('aa');
    expect(log.counts()).toEqual([
      { code: 'orphan-span', count: 25 },
      { code: 'skipped-span', count: 1 },
    ]);
    expect(log.list.filter((w) => w.code === 'orphan-span')).toHaveLength(20);
    expect(log.list.some((w) => w.traceId === 'bb')).toBe(false);
    // After the choice, warnings are recorded as usual.
    log.add(orphan('bb', 1));
    expect(log.total).toBe(27);
  });

  it('a trace without warnings keeps none', () => {
    const log = new WarningLog();
    log.holdByTrace();
    log.add(orphan('bb', 0));
    log.keepTrace('aa');
    expect([log.total, log.list]).toEqual([0, []]);
  });
});
