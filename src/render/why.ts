/**
 * `tracectl why` for people: who was compared with whom, then one block per finding — the value,
 * the share of each side as two bars on the same scale (so the gap is seen before it is read), the
 * counts, one sentence, and a `--where` to paste. Readable at 80 columns, also piped.
 *
 * Findings that must be the same spans as an earlier one are folded into it ("also: ..."):
 * attributes that come in lockstep (a host name and its pod, a service and its version) are one
 * fact, not five. Counts alone cannot prove two findings cover the same spans, so only two cases
 * fold: a value and a threshold of the same key with equal counts (the value lies inside the
 * threshold's range, so equal counts are equal sets), and a resource or scope attribute with the
 * same counts as an earlier finding, from MIN_FOLD_COUNT spans on (resource attributes describe the
 * process: they go together with its service and with each other).
 */
import { durationLiteral } from '../analyses/why/where-text.js';
import type { AttrScope, WhyFinding, WhyResult } from '../analyses/why/why-result.js';
import { sanitize } from './sanitize.js';
import { displayWidth, padEnd, padStart, truncate } from './text.js';
import type { Theme } from './theme.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const MAX_BAR = 40;
const INDENT = '    ';
/** Resource attributes with counts equal to an earlier finding's fold into it from this many spans on. */
const MIN_FOLD_COUNT = 10;

/** How a key is named in text: span fields and span attributes as they are, resource and scope marked. */
export function whyKeyLabel(scope: AttrScope | string, key: string): string {
  if (scope === 'resource') return `resource ${key}`;
  if (scope === 'scope') return `scope ${key}`;
  return key;
}

export function renderWhy(result: WhyResult, theme: Theme, width: number): string[] {
  const nouns = nounsOf(result);
  const lines: string[] = [...header(result, nouns, width), ''];
  if (result.attributes.length === 0) {
    lines.push(
      ...wrap(`nothing sets the ${nouns.selection} apart: no value is more common among them than chance explains (${plural(result.candidates, 'value or threshold', 'values and thresholds')} compared)`, width, ''),
      '',
    );
  }

  const blocks: { finding: WhyFinding; also: WhyFinding[] }[] = [];
  for (const f of result.attributes) {
    const twin = blocks.find((b) => sameSpans(b.finding, f));
    if (twin !== undefined) twin.also.push(f);
    else blocks.push({ finding: f, also: [] });
  }
  const counts = (n: number, of: number): string => `${n.toLocaleString('en-US')} of ${of.toLocaleString('en-US')}`;
  const countWidth = Math.max(0, ...result.attributes.flatMap((f) => [counts(f.selectionCount, result.selection.spans).length, counts(f.baselineCount, result.baseline.spans).length]));
  const labelWidth = Math.max(displayWidth(nouns.selectionLabel), displayWidth(nouns.baselineLabel));
  const barWidth = Math.max(4, Math.min(MAX_BAR, width - INDENT.length - labelWidth - 1 - 5 - 2 - 2 - countWidth));
  const numberWidth = Math.max(2, String(blocks.length).length);

  blocks.forEach(({ finding: f, also }, i) => {
    const number = `${padStart(String(i + 1), numberWidth)}  `;
    const score = `score ${f.score.toFixed(3)}`;
    const title = truncate(describe(f), Math.max(8, width - number.length - score.length - 2));
    lines.push(`${theme.bold(number + title)}${' '.repeat(Math.max(2, width - number.length - displayWidth(title) - score.length))}${theme.dim(score)}`);
    const bar = (share: number, label: string, n: number, of: number, style: (s: string) => string): string => {
      const filled = shareBar(share, barWidth);
      const track = theme.dim('·'.repeat(Math.max(0, barWidth - displayWidth(filled))));
      return `${INDENT}${padEnd(label, labelWidth)} ${padStart(percent(share), 5)}  ${style(filled)}${track}  ${padStart(counts(n, of), countWidth)}`;
    };
    lines.push(bar(f.selectionShare, nouns.selectionLabel, f.selectionCount, result.selection.spans, (s) => theme.accent(s)));
    lines.push(bar(f.baselineShare, nouns.baselineLabel, f.baselineCount, result.baseline.spans, (s) => s));
    lines.push(...wrap(`${percent(f.selectionShare)} of ${nouns.selection} have ${describe(f)}, against ${percent(f.baselineShare)} of ${nouns.baseline}`, width, INDENT));
    for (const a of also) lines.push(...wrap(`also: ${describe(a)} (${a.key === f.key ? 'the same spans' : 'the same counts'})`, width, INDENT));
    lines.push(`${INDENT}${theme.dim(`--where ${shellQuote(sanitize(f.where))}`)}`);
    lines.push('');
  });
  lines.push(...footer(result, width).map((l) => theme.dim(l)));
  return lines;
}

interface Nouns {
  readonly selection: string;
  readonly baseline: string;
  readonly selectionLabel: string;
  readonly baselineLabel: string;
}

function nounsOf(result: WhyResult): Nouns {
  const by = result.selection.by;
  const selectionLabel = by === 'slow' ? 'slow' : by === 'errors' ? 'failed' : 'selected';
  const custom = result.baseline.by === 'expression';
  return {
    selection: `${selectionLabel} spans`,
    baseline: custom ? 'the baseline' : 'the others',
    selectionLabel,
    baselineLabel: custom ? 'baseline' : 'others',
  };
}

function header(result: WhyResult, nouns: Nouns, width: number): string[] {
  const { selection, baseline, compared } = result;
  const n = (x: number): string => x.toLocaleString('en-US');
  const numberWidth = Math.max(n(selection.spans).length, n(baseline.spans).length, n(compared.spans).length);
  const pN = `p${selection.percentile ?? ''}`;
  const p =
    selection.percentile === undefined
      ? ''
      : selection.percentileMs !== undefined
        ? ` (the nearest the counts allow to ${pN} = ${durationLiteral(selection.percentileMs * 1e6)})`
        : ` (${pN})`;
  const approximate = selection.approximate === true ? '; counts of spans near the threshold are approximate' : '';
  const rows: [string, string][] = [
    ['selection', `${padStart(n(selection.spans), numberWidth)} ${nouns.selection}: ${selection.rule}${p}${approximate}`],
    ['baseline', `${padStart(n(baseline.spans), numberWidth)} spans: ${baseline.rule}`],
  ];
  const notes: string[] = [];
  if (compared.untimedSpans > 0) notes.push(`${n(compared.untimedSpans)} without a duration left out`);
  if (compared.otherSpans > 0) notes.push(`${n(compared.otherSpans)} in neither side`);
  rows.push(['compared', `${padStart(n(compared.spans), numberWidth)} spans${compared.rule !== null ? ` where ${compared.rule}` : ''}${notes.length > 0 ? `; ${notes.join(', ')}` : ''}`]);
  return rows.flatMap(([label, text]) => wrap(sanitize(text), width, ' '.repeat(11), `${padEnd(label, 9)}  `));
}

function footer(result: WhyResult, width: number): string[] {
  const lines: string[] = [];
  const byReason = new Map<string, string[]>();
  for (const s of result.skipped) {
    // A key that repeats a span field (service.name, span.kind) is left out without a word.
    if (s.reason.startsWith('same as ')) continue;
    const list = byReason.get(s.reason) ?? [];
    list.push(sanitize(whyKeyLabel(s.scope, s.key)));
    byReason.set(s.reason, list);
  }
  for (const [reason, keys] of byReason) {
    const shown = keys.slice(0, 6).join(', ');
    const more = keys.length > 6 ? ` and ${keys.length - 6} more` : '';
    lines.push(...wrap(`not compared (${reason}): ${shown}${more}`, width, '  '));
  }
  lines.push(
    ...wrap(
      `score: how much larger the share of the selection is, at least, at 95% confidence over all ${result.candidates.toLocaleString('en-US')} values and thresholds compared`,
      width,
      '  ',
    ),
  );
  return lines;
}

function sameSpans(earlier: WhyFinding, f: WhyFinding): boolean {
  if (earlier.selectionCount !== f.selectionCount || earlier.baselineCount !== f.baselineCount) return false;
  if (earlier.key === f.key && earlier.scope === f.scope) return earlier.op !== f.op;
  return (f.scope === 'resource' || f.scope === 'scope') && f.selectionCount + f.baselineCount >= MIN_FOLD_COUNT;
}

/** `db.replica = replica-2`, `resource host.name = h-3`, `duration >= 5ms`. */
function describe(f: WhyFinding): string {
  const value = f.value === '' ? '""' : f.value;
  return sanitize(`${whyKeyLabel(f.scope, f.key)} ${f.op} ${value}`);
}

/** Single quotes for a POSIX shell: a quote inside becomes '\''. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

function percent(share: number): string {
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (pct < 0.1) return '<0.1%';
  if (pct > 99.9 && pct < 100) return '>99.9%';
  return pct >= 10 ? `${Math.round(pct)}%` : `${pct.toFixed(1)}%`;
}

function shareBar(share: number, width: number): string {
  const eighths = Math.round(share * width * 8);
  const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
  return share > 0 && bar === '' ? '▏' : bar;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Word-wraps `text` to `width`: the first line after `first` (default `indent`), the rest after `indent`. */
function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (!empty && displayWidth(candidate) > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => (displayWidth(l) > width ? truncate(l, width) : l));
}
