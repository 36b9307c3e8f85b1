/**
 * The service topology as Graphviz DOT (`tracectl deps --dot | dot -Tsvg > deps.svg`): a box per
 * service (entry services drawn bold), an arrow per caller → callee edge labelled with its calls,
 * errors and latency; edges with errors in red. Names from the dump are quoted and escaped, and
 * control characters made visible, so a hostile service name can neither break the graph nor reach
 * a terminal raw.
 */
import { formatCount } from './count.js';
import type { ServiceDeps } from '../analyses/deps.js';
import { formatDuration, formatPercent } from './format.js';
import { sanitize } from './sanitize.js';

const ERROR_COLOUR = '#d62728';

/** A DOT double-quoted string. */
function quote(text: string): string {
  return `"${sanitize(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function latency(ms: number | null): string {
  return ms === null ? '-' : formatDuration(ms * 1e6);
}

export function renderDot(deps: ServiceDeps): string[] {
  const lines = ['digraph services {', '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const s of deps.services) lines.push(`  ${quote(s.name)}${s.entry ? ' [penwidth=2]' : ''};`);
  for (const e of deps.edges) {
    const parts = [`${formatCount(e.calls)} call${e.calls === 1 ? '' : 's'}`];
    if (e.errors > 0) parts.push(`${e.errors} error${e.errors === 1 ? '' : 's'} (${formatPercent(e.errorRate)})`);
    if (e.p50Ms !== null) parts.push(`p50 ${latency(e.p50Ms)}, p99 ${latency(e.p99Ms)}`);
    // "\n" inside a DOT label is a line break: joined after quoting so it is not escaped.
    const label = parts.map((p) => quote(p).slice(1, -1)).join('\\n');
    const colour = e.errors > 0 ? `, color="${ERROR_COLOUR}", fontcolor="${ERROR_COLOUR}"` : '';
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label="${label}"${colour}];`);
  }
  lines.push('}');
  return lines;
}
