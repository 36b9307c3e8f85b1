/**
 * `tracectl ui [paths...]`: the dump's traces on the terminal's full screen, explored with keys.
 * Refused before anything is read where it cannot work: stdout not a terminal (nothing to draw
 * on), the dump on standard input or standard input not a terminal (the keys come from there).
 * With `--listen` the traces arrive live instead (ui-live.ts), and the paths are a command to run.
 */
import { STDIN_NAME } from '../../input/open-input.js';
import { UsageError } from '../../errors.js';
import { renderWarningSummary } from '../../render/warnings.js';
import { UiApp } from '../../ui/app.js';
import { TraceCatalog } from '../../ui/catalog.js';
import { runUi } from '../../ui/run-ui.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { runContext, type CommonOptions } from '../run-context.js';
import type { LiveFlags } from './ui-live.js';

const LIVE_ONLY = [
  ['port', '--port'],
  ['host', '--host'],
  ['output', '-o/--output'],
  ['maxSpans', '--max-spans'],
] as const;

export async function run(paths: string[], options: CommonOptions & LiveFlags, io: Io): Promise<void> {
  if (options.json === true) throw new UsageError('ui draws on the terminal: --json has no meaning here (tracectl traces --json lists the traces)');
  if (!io.stdoutIsTTY) throw new UsageError('ui needs a terminal: stdout is not one (traces and waterfall print to pipes)');
  if (options.listen === true) {
    const { runLive } = await import('./ui-live.js');
    await runLive(paths, options, io);
    return;
  }
  const stray = LIVE_ONLY.find(([key]) => options[key] !== undefined);
  if (stray !== undefined) throw new UsageError(`${stray[1]} goes with --listen (receiving spans live)`);
  if (paths.length === 0 || paths.includes(STDIN_NAME)) {
    throw new UsageError('ui reads keys from stdin, so the dump cannot come from there: give its path');
  }
  const terminal = io.terminal;
  if (terminal === undefined) throw new UsageError('ui reads keys from stdin, and stdin is not interactive (not a terminal)');

  const ctx = runContext(options, io);
  const dump = await loadDump(paths, ctx, { table: { kind: 'sample', what: 'the trace list' } });
  const catalog = new TraceCatalog({ adjustClockSkew: ctx.adjustClockSkew });
  for (const trace of dump.traces()) catalog.addTrace(trace);
  const app = new UiApp(catalog, ctx.theme, ctx.where);
  await runUi({ app, terminal, input: io.stdin, write: io.out, signals: io.signals });
  if (!ctx.quiet && ctx.warnings.total > 0) {
    io.err(`${renderWarningSummary({ counts: ctx.warnings.counts(), list: ctx.warnings.list }, ctx.errTheme).join('\n')}\n`);
  }
}
