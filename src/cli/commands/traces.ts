/** `tracectl traces [paths...]`: list the traces in the input. */
import type { TraceSortKey } from '../../analyses/choices.js';
import { listTraces } from '../../analyses/trace-list.js';
import { renderTraceList } from '../../render/trace-list.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface TracesOptions extends CommonOptions {
  readonly sort?: TraceSortKey;
  readonly limit?: number;
}

export async function run(paths: string[], options: TracesOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  if (paths.some(isTableInput)) {
    await (await import('../table/traces.js')).tracesOnTable(paths, options, ctx);
    return;
  }
  // Compact spans carry no attributes: a --where that reads them needs the full spans.
  const dump = await loadDump(paths, ctx, { detail: ctx.where?.readsAttributes === true ? 'full' : 'compact' });
  const list = listTraces(dump.traces(), {
    ...(options.sort !== undefined ? { sort: options.sort } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(ctx.where !== undefined ? { where: ctx.where.matches } : {}),
  });
  emit(ctx, { traces: list.traces }, () =>
    ctx.where !== undefined && list.total === 0 ? ['No trace has a span matching --where'] : renderTraceList(list, ctx.theme, ctx.width),
  );
}
