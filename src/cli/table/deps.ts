/** `tracectl deps clickhouse://…`: the service graph computed in ClickHouse. */
import { depsTree } from '../../analyses/deps-tree.js';
import { depsFromRows, depsStatement, traceCountStatement } from '../../backends/clickhouse/deps-query.js';
import { renderDeps } from '../../render/deps.js';
import { renderDot } from '../../render/dot.js';
import { renderMermaid } from '../../render/mermaid.js';
import type { DepsOptions } from '../commands/deps.js';
import { UsageError } from '../../errors.js';
import { emit, type RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';

export async function depsOnTable(paths: readonly string[], options: DepsOptions, ctx: RunContext): Promise<void> {
  const split = options.by?.filter((k) => k.field !== 'service') ?? [];
  if (split.length > 0) {
    throw new UsageError(
      `--by ${split.map((k) => k.name).join(',')}: deps on a ClickHouse table counts calls per caller and callee service only; read the range as a dump for more keys (tracectl convert TABLE --to otlp | tracectl deps --by …)`,
    );
  }
  const session = TableSession.open(paths, options, ctx);
  const statements = [depsStatement(session.scope, options.where), traceCountStatement(session.scope)];
  if (session.printPlan(statements)) return;
  const { deps, traces } = await withTableSession(session, async (s) => {
    await s.shape();
    const rows = await s.rows(statements[0]!);
    const [count] = await s.rows(statements[1]!);
    return { deps: depsFromRows(rows, options.where !== undefined), traces: Number(count?.traces ?? 0) };
  });
  emit(ctx, deps, () => {
    if (options.dot === true) return renderDot(deps);
    if (options.mermaid === true) return renderMermaid(deps);
    return renderDeps(deps, depsTree(deps), traces, ctx.theme, ctx.width, ctx.where !== undefined);
  });
}
