/** `tracectl report [paths...] -o FILE`: one self-contained HTML page over the input. */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { STDIN_NAME } from '../../input/open-input.js';
import type { InputSummary } from '../../input/read-spans.js';
import { SpanRedactor } from '../../redact/span-redactor.js';
import { buildReport, DEFAULT_MAX_TRACES } from '../../report/build-report.js';
import { fillTemplate, readTemplate } from '../../report/page-template.js';
import type { InputFacts } from '../../report/report-data.js';
import { refuseInputAsPage, writePage } from '../../report/write-page.js';
import { sanitize } from '../../render/text.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface ReportCliOptions extends CommonOptions {
  readonly output: string;
  readonly title?: string;
  readonly maxTraces?: number;
  readonly redact?: boolean;
}

export async function run(paths: string[], options: ReportCliOptions, io: Io): Promise<void> {
  if (options.output === '-' && options.json === true) throw new UsageError('--json prints what was written on standard output: it does not go with -o -');
  const ctx = runContext(options, io);
  const output = options.output === '-' ? undefined : resolve(io.cwd, options.output);
  if (output !== undefined) await refuseInputAsPage(output, paths.map((p) => (p === STDIN_NAME ? p : resolve(io.cwd, p))), '-o');
  // Read before the input: a broken installation should not cost a long read.
  const template = await readTemplate();
  const redactor = options.redact === true ? new SpanRedactor() : undefined;
  const dump = await loadDump(paths, ctx, redactor === undefined ? {} : { mapSpan: (span) => redactor.redact(span) });
  const maxTraces = options.maxTraces ?? DEFAULT_MAX_TRACES;
  const inputs = await inputFacts(paths, dump.inputs, io.cwd);
  const doc = buildReport(dump.traces(), {
    meta: { tracectl: tracectlVersion(), title: options.title ?? defaultTitle(inputs), inputs },
    maxTraces,
    ...(ctx.where !== undefined ? { where: ctx.where } : {}),
    redacted: redactor !== undefined,
    adjustClockSkew: ctx.adjustClockSkew,
  });
  const html = fillTemplate(template, doc);
  if (output === undefined) io.out(html);
  else await writePage(output, html);

  const bytes = Buffer.byteLength(html);
  const facts = { output: options.output, bytes, traces: doc.summary.traces, spans: doc.summary.spans, embeddedTraces: doc.traces.length };
  if (!ctx.json && !ctx.quiet) {
    const where = output === undefined ? 'standard output' : sanitize(options.output);
    io.err(`tracectl: wrote ${where} (${kib(bytes)}): ${doc.summary.traces} traces, ${doc.summary.spans} spans; ${doc.traces.length} traces embedded\n`);
  }
  emit(ctx, ctx.json ? facts : {}, () => []);
}

function tracectlVersion(): string {
  return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
}

/** Names as given, with their size on disk when they are files (standard input and URLs have none). */
async function inputFacts(paths: readonly string[], summaries: readonly InputSummary[], cwd: string): Promise<InputFacts[]> {
  const given = paths.length > 0 ? paths : [STDIN_NAME];
  return Promise.all(
    summaries.map(async (s, i) => {
      const path = given[i];
      const file = path !== undefined && path !== STDIN_NAME && !/^https?:\/\//i.test(path);
      const bytes = file ? await stat(resolve(cwd, path)).then((st) => st.size, () => null) : null;
      return { name: s.name, bytes, formats: s.formats, spans: s.spans };
    }),
  );
}

function defaultTitle(inputs: readonly InputFacts[]): string {
  const names = inputs.map((i) => i.name.split(/[\\/]/).pop() ?? i.name);
  return `tracectl report: ${names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')}`;
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
