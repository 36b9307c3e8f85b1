/** What every critical path must be, checked by the critical-path suites of both tiers. */
import { expect } from 'vitest';
import type { CriticalPath } from '../../src/analyses/critical-path.js';

/**
 * The sections tile the root's interval: contiguous, positive, from its start to its end. Checked in
 * plain code and asserted once, so a two-million-section path does not make two million assertions.
 */
export function expectPartition(cp: CriticalPath): void {
  const rootStart = cp.root.offsetNs;
  const rootEnd = cp.root.offsetNs + cp.root.durationNs;
  if (cp.root.durationNs === 0) {
    expect(cp.sections).toEqual([]);
    return;
  }
  const problems: string[] = [];
  if (cp.sections[0]?.startNs !== rootStart) problems.push(`first section starts at ${cp.sections[0]?.startNs}, root at ${rootStart}`);
  if (cp.sections[cp.sections.length - 1]?.endNs !== rootEnd) problems.push(`last section ends before the root's end ${rootEnd}`);
  let total = 0;
  for (let i = 0; i < cp.sections.length && problems.length < 5; i++) {
    const s = cp.sections[i]!;
    if (s.endNs <= s.startNs) problems.push(`section ${i} is empty or reversed`);
    if (i > 0 && s.startNs !== cp.sections[i - 1]!.endNs) problems.push(`gap or overlap before section ${i}`);
    total += s.endNs - s.startNs;
  }
  if (problems.length === 0 && total !== cp.root.durationNs) problems.push(`sections add up to ${total}, root lasts ${cp.root.durationNs}`);
  expect(problems).toEqual([]);
}
