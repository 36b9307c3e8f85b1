/** `tracectl deps [paths...]`: the service topology (caller → callee edges) with calls, errors and latency. */
import { DepsAggregator } from '../../analyses/deps.js';
import { depsTree } from '../../analyses/deps-tree.js';
import { renderDeps } from '../../render/deps.js';
import { renderDot } from '../../render/dot.js';
import { renderMermaid } from '../../render/mermaid.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { type CommonOptions, emit, runContext } from '../run-context.js';

export interface DepsOptions extends CommonOptions {
  readonly dot?: boolean;
  readonly mermaid?: boolean;
  readonly unweighted?: boolean;
}

export async function run(paths: string[], options: DepsOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  if (paths.some(isTableInput)) {
    await (await import('../table/deps.js')).depsOnTable(paths, options, ctx);
    return;
  }
  // Only services, parents, status and timing matter: compact spans, parsed off the main thread.
  // (Full spans when --where reads attributes.)
  const dump = await loadDump(paths, ctx, { detail: ctx.where?.readsAttributes === true ? 'full' : 'compact' });
  const agg = new DepsAggregator({ weighted: options.unweighted !== true });
  for (const trace of dump.traces()) agg.add(trace, ctx.where?.matches);
  const deps = agg.result();
  emit(ctx, deps, () => {
    if (options.dot === true) return renderDot(deps);
    if (options.mermaid === true) return renderMermaid(deps);
    return renderDeps(deps, depsTree(deps), dump.traceCount, ctx.theme, ctx.width, ctx.where !== undefined);
  });
}
