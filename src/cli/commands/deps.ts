/** `tracectl deps [paths...]`: the service topology (caller → callee edges) with calls, errors and latency. */
import { DepsAggregator } from '../../analyses/deps.js';
import { depsTree } from '../../analyses/deps-tree.js';
import { renderDeps } from '../../render/deps.js';
import { renderDot } from '../../render/dot.js';
import { renderMermaid } from '../../render/mermaid.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Io } from '../io.js';
import { needsAttributes, type GroupKey } from '../../query/group-keys.js';
import { loadDump } from '../load.js';
import { type CommonOptions, emit, runContext } from '../run-context.js';

export interface DepsOptions extends CommonOptions {
  readonly dot?: boolean;
  readonly mermaid?: boolean;
  readonly unweighted?: boolean;
  /** Parsed by the flag (query/group-keys.ts). */
  readonly by?: readonly GroupKey[];
}

export async function run(paths: string[], options: DepsOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  if (paths.some(isTableInput)) {
    await (await import('../table/deps.js')).depsOnTable(paths, options, ctx);
    return;
  }
  // Only services, parents, status and timing matter: compact spans, parsed off the main thread.
  // (Full spans when --where or --by reads attributes.)
  const attributes = ctx.where?.readsAttributes === true || needsAttributes(options.by ?? []);
  const dump = await loadDump(paths, ctx, { detail: attributes ? 'full' : 'compact' });
  const agg = new DepsAggregator({ weighted: options.unweighted !== true, ...(options.by !== undefined ? { by: options.by } : {}) });
  for (const trace of dump.traces()) agg.add(trace, ctx.where?.matches);
  const deps = agg.result();
  emit(ctx, deps, () => {
    if (options.dot === true) return renderDot(deps);
    if (options.mermaid === true) return renderMermaid(deps);
    return renderDeps(deps, depsTree(deps), dump.traceCount, ctx.theme, ctx.width, ctx.where !== undefined);
  });
}
