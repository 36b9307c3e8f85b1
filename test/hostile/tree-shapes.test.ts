/**
 * Trees that cannot be trees: parents that form a loop, a span that is its own parent. Each is cut at
 * one span (which becomes a root), counted in the warnings by reason, and every command still works.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { fixture, treeLines } from './support/files.js';

describe('impossible trees', () => {
  it('a parent cycle (A→B→A): cut at B, which becomes a root; counted as parent-cycle; every command exits 0', async () => {
    // root ─────────────────    B names A as parent, A names B: neither can be the other's
    //   a (parent b) ──          ancestor. B is cut loose; A and its child C hang under it.
    //   b (parent a) ─
    //   c (parent a) -
    const path = fixture('hostile/parent-cycle.zipkin.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);

    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({ 'parent-cycle': 1 });
    expect(w.summary).toBe(
      "warning parent-cycle ×1: spans 000000000000000a → 000000000000000b are each other's ancestors; cut at 000000000000000b, shown as a root\n",
    );
    const tree = await runCli(['waterfall', path, '--json']);
    expect(treeLines(tree.stdout)).toEqual(['0000000000000001 root', '000000000000000b b', '  000000000000000a a', '    000000000000000c c']);
  });

  it('a self-parent: shown as a root, counted as self-parent; every command exits 0', async () => {
    const path = fixture('hostile/self-parent.jaeger.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);

    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({ 'self-parent': 1 });
    expect(w.summary).toBe('warning self-parent ×1: span 0000000000000002 (selfish loop) names itself as its parent; shown as a root\n');
    const tree = await runCli(['waterfall', path, '--json']);
    expect(treeLines(tree.stdout)).toEqual(['0000000000000001 root', '  0000000000000003 child', '0000000000000002 loop']);
  });
});
