/** `tracectl errors [paths...]`: error chains per trace, grouped by signature; recovered errors apart. */
import { ErrorsAggregator } from '../../analyses/errors-report.js';
import { pickTrace } from '../../analyses/pick-trace.js';
import { EXIT_CHECK_FAILED } from '../../errors.js';
import { renderErrors } from '../../render/errors.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface ErrorsOptions extends CommonOptions {
  readonly trace?: string;
  readonly failOnError?: boolean;
  readonly unweighted?: boolean;
}

export async function run(paths: string[], options: ErrorsOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io, options.trace);
  if (paths.some(isTableInput) && options.trace === undefined) {
    await (await import('../table/errors.js')).errorsOnTable(paths, options, ctx);
    return;
  }
  const dump = await loadDump(paths, ctx, { table: { kind: 'traces', queries: [options.trace ?? ''] } });
  const aggregator = new ErrorsAggregator({ weighted: options.unweighted !== true });
  const where = ctx.where?.matches;
  if (options.trace !== undefined) aggregator.add(pickTrace(dump.traces(), options.trace), where);
  else for (const trace of dump.traces()) aggregator.add(trace, where);
  const report = aggregator.result();
  emit(ctx, { totals: report.totals, sampling: report.sampling, traces: report.traces, groups: report.groups }, () => renderErrors(report, ctx.theme, ctx.width));
  if (options.failOnError === true && report.totals.chains > 0) {
    const n = report.totals.tracesWithChains;
    io.err(`tracectl: --fail-on-error: ${n} trace${n === 1 ? ' has' : 's have'} error chains\n`);
    io.setExitCode(EXIT_CHECK_FAILED);
  }
}
