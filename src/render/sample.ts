/**
 * `tracectl sample`'s report for people: what was kept, per policy; the failing traces and error
 * signatures kept and lost; each service's entry-span latency before, kept, and kept weighted by
 * adjusted count (EST: what a backend weighing the sample would estimate); the request rate. Fits
 * 80 columns: the latency table drops estimate columns before it cuts service names.
 */
import type { SampleResult } from '../sample/sample-result.js';
import { formatCount } from './count.js';
import { formatDuration, formatPercent } from './format.js';
import { formatProbability, samplingNote } from './sampling.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { sanitize } from './sanitize.js';
import { truncate } from './text.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';
import { wrap } from './wrap.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function share(part: number, whole: number): string {
  return whole === 0 ? '' : ` (${formatPercent(part / whole)})`;
}

function rate(perSec: number | null): string {
  if (perSec === null) return '-';
  if (perSec >= 100) return `${perSec.toFixed(0)}/s`;
  if (perSec >= 10) return `${perSec.toFixed(1)}/s`;
  return `${perSec.toFixed(2)}/s`;
}


function what(result: SampleResult): string {
  if (result.ratio !== undefined) return `--ratio ${result.ratio.ratio}`;
  if (result.policy !== undefined) return `--policy ${sanitize(result.policy.file)} (${sanitize(result.policy.processor)})`;
  return `--keep ${result.keep!.expressions.map((e) => JSON.stringify(sanitize(e))).join(' --keep ')}`;
}

export function renderSample(result: SampleResult, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, result);
  const r = result.report;
  const lines: string[] = [];
  lines.push(...wrap(`sample ${what(result)}: kept ${r.traces.after} of ${plural(r.traces.before, 'trace')}${share(r.traces.after, r.traces.before)}, ${r.spans.after} of ${plural(r.spans.before, 'span')}`, width));

  if (result.ratio !== undefined) {
    const x = result.ratio;
    const th = x.threshold === null ? 'no threshold (ratio 0 keeps nothing)' : `threshold th:${x.threshold} (${formatProbability(x.probability)})`;
    const src = [x.randomness.tracesByTraceId > 0 ? `trace ids ${x.randomness.tracesByTraceId}` : '', x.randomness.tracesByRv > 0 ? `ot=rv ${x.randomness.tracesByRv}` : '', x.randomness.tracesWithout > 0 ? `none (not kept) ${x.randomness.tracesWithout}` : '']
      .filter((t) => t !== '')
      .join(', ');
    lines.push(...wrap(`  ${th}; randomness from ${src === '' ? 'no trace' : src}`, width, '    '));
  }

  if (result.policy !== undefined) {
    const p = result.policy;
    lines.push('');
    const columns: TableColumn[] = [
      { header: 'POLICY', shrink: true, minWidth: 12 },
      { header: 'TYPE', shrink: true, minWidth: 8, dropOrder: 2 },
      { header: 'VOTES', align: 'right' },
      { header: 'KEPT', align: 'right' },
      { header: 'DROPPED', align: 'right', dropOrder: 3 },
      { header: 'ERRORS', align: 'right', dropOrder: 1 },
    ];
    const rows = p.policies.map((s): TableCell[] => [
      sanitize(s.name),
      s.type,
      s.type === 'drop' ? '-' : String(s.keepVotes),
      s.type === 'drop' ? '-' : String(s.kept),
      s.type === 'drop' ? String(s.dropped) : '-',
      s.errors > 0 ? { text: String(s.errors), style: theme.error } : '0',
    ]);
    lines.push(...renderTable(columns, rows, width, theme));
    const notes: string[] = [];
    if (p.sampleOnFirstMatch) notes.push('sample_on_first_match: a trace is kept by the first policy that samples it');
    if (p.keptWithoutProbability > 0) notes.push(`${plural(p.keptWithoutProbability, 'kept trace')} kept by rate limiting count once in the estimates (no probability)`);
    if (p.assumed.length > 0) notes.push(`not simulated: ${p.assumed.map((a) => `${sanitize(a.option)} (${a.why})`).join('; ')}`);
    // Wrapped as plain text, then dimmed line by line: a cut never falls inside a colour code.
    for (const note of notes) lines.push(...wrap(note, width, '  ').map((l) => theme.dim(l)));
  }

  const e = r.errors;
  lines.push('');
  if (e.tracesBefore === 0) {
    lines.push('errors: no trace has an error chain');
  } else {
    lines.push(...wrap(`errors: kept ${e.tracesAfter} of ${plural(e.tracesBefore, 'failing trace')}; ${e.signaturesAfter} of ${plural(e.signaturesBefore, 'error signature')}`, width));
    if (e.lost.length === 0) lines.push('  no error signature lost');
    else {
      lines.push(theme.error(`  lost ${plural(e.lost.length, 'signature')}:`));
      for (const s of e.lost) lines.push(truncate(`    ${sanitize(s.signature)} (${plural(s.tracesBefore, 'trace')})`, width));
    }
  }

  const lat = r.latency;
  if (lat.services.length > 0) {
    lines.push('', ...wrap('entry-span latency per service: before, kept, and kept weighted by adjusted count (EST)', width));
    const columns: TableColumn[] = [
      { header: 'SERVICE', shrink: true, minWidth: 12 },
      { header: 'COUNT', align: 'right' },
      { header: 'KEPT', align: 'right' },
      ...lat.percentiles.flatMap((pc, i): TableColumn[] => [
        { header: `P${pc}`, align: 'right' },
        { header: `KEPT P${pc}`, align: 'right' },
        { header: `EST P${pc}`, align: 'right', dropOrder: lat.percentiles.length - i },
      ]),
    ];
    const ms = (v: number | undefined): string => (v === undefined ? '-' : formatDuration(v * 1e6));
    const rows = lat.services.map((s): TableCell[] => [
      { text: sanitize(s.service), style: (t) => theme.service(s.service, t) },
      formatCount(s.before.count),
      s.after === null ? '0' : formatCount(s.after.count),
      ...lat.percentiles.flatMap((pc) => [
        ms(s.before.percentilesMs[String(pc)]),
        ms(s.after?.percentilesMs[String(pc)]),
        ms(s.afterWeighted?.percentilesMs[String(pc)]),
      ]),
    ]);
    lines.push(...renderTable(columns, rows, width, theme));
  }

  const rt = r.rate;
  lines.push(
    '',
    ...wrap(`request rate (traces/s over ${formatDuration(rt.windowSec * 1e9)}): ${rate(rt.beforePerSec)} before, ${rate(rt.afterPerSec)} kept, ${rate(rt.extrapolatedPerSec)} extrapolated from the kept traces' adjusted counts`, width, '  '),
  );

  const note = samplingNote(result.input);
  if (note !== undefined) lines.push(...wrap(`input: ${note}`, width, '  ').map((l) => theme.dim(l)));

  if (result.output !== null) {
    const o = result.output;
    const where = o.path === '-' ? 'standard output' : sanitize(o.path);
    lines.push('', `wrote ${plural(o.traces, 'trace')} (${plural(o.spans, 'span')}) as ${o.format} to ${where}`);
    if (o.losses.length > 0) {
      lines.push(`note: ${o.format} cannot carry everything in this dump:`);
      for (const loss of o.losses) lines.push(`  ${loss.message}`);
    }
  }
  return lines;
}
