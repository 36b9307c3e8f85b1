/** `tracectl report [paths...] -o FILE`: one self-contained HTML page over the input. */
import { UsageError } from '../../errors.js';
import { SpanRedactor } from '../../redact/span-redactor.js';
import { buildReport, DEFAULT_MAX_TRACES } from '../../report/build-report.js';
import { fillTemplate, readTemplate } from '../../report/page-template.js';
import { sanitize } from '../../render/sanitize.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { inputNames, pageMeta, preparePage } from '../page-output.js';
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
  // Checked before the input is read: a clash or a broken installation should not cost a long read.
  const page = options.output === '-' ? undefined : await preparePage(options.output, paths, '-o', io.cwd);
  const template = page === undefined ? await readTemplate() : undefined;
  const redactor = options.redact === true ? new SpanRedactor() : undefined;
  const dump = await loadDump(paths, ctx, redactor === undefined ? {} : { mapSpan: (span) => redactor.redact(span) });
  const meta = await pageMeta('', paths, dump.inputs, io.cwd);
  const doc = buildReport(dump.traces(), {
    meta: { ...meta, title: options.title ?? `tracectl report: ${inputNames(meta.inputs)}` },
    maxTraces: options.maxTraces ?? DEFAULT_MAX_TRACES,
    ...(ctx.where !== undefined ? { where: ctx.where } : {}),
    redacted: redactor !== undefined,
    adjustClockSkew: ctx.adjustClockSkew,
  });
  let bytes: number;
  if (page !== undefined) bytes = await page.write(doc);
  else {
    const html = fillTemplate(template!, doc);
    io.out(html);
    bytes = Buffer.byteLength(html);
  }

  const facts = { output: options.output, bytes, traces: doc.summary.traces, spans: doc.summary.spans, embeddedTraces: doc.traces.length };
  if (!ctx.json && !ctx.quiet) {
    const where = page === undefined ? 'standard output' : sanitize(options.output);
    const { traces, spans } = doc.summary;
    const embedded = doc.traces.length === traces ? 'all embedded' : `${doc.traces.length} embedded (--max-traces ${doc.options.maxTraces})`;
    io.err(`tracectl: wrote ${where}: ${plural(traces, 'trace')}, ${plural(spans, 'span')}; ${embedded}\n`);
  }
  emit(ctx, ctx.json ? facts : {}, () => []);
}

function plural(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`;
}
