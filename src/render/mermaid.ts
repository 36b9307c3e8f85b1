/**
 * The service topology as a Mermaid flowchart, to paste into Markdown (GitHub, GitLab and most wikis
 * draw it): a node per service (entry services with a double border), an arrow per caller → callee
 * edge labelled with calls, errors and latency, edges with errors in red. Service names become node
 * labels, never node ids (ids are s0, s1, ...), and characters Mermaid would read as syntax or HTML
 * are written as its entity codes.
 */
import { formatCount } from './count.js';
import type { ServiceDeps } from '../analyses/deps.js';
import { formatDuration, formatPercent } from './format.js';
import { sanitize } from './sanitize.js';

const ERROR_COLOUR = '#d62728';

/** Text for a quoted Mermaid label: `"`, `#`, `<`, `>` and `&` as entity codes. */
function label(text: string): string {
  return sanitize(text).replace(/[#"<>&]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

function latency(ms: number | null): string {
  return ms === null ? '-' : formatDuration(ms * 1e6);
}

export function renderMermaid(deps: ServiceDeps): string[] {
  const ids = new Map(deps.services.map((s, i) => [s.name, `s${i}`]));
  const lines = ['flowchart LR'];
  for (const s of deps.services) {
    const id = ids.get(s.name)!;
    lines.push(s.entry ? `  ${id}[["${label(s.name)}"]]` : `  ${id}["${label(s.name)}"]`);
  }
  const red: number[] = [];
  deps.edges.forEach((e, i) => {
    const parts = [`${formatCount(e.calls)} call${e.calls === 1 ? '' : 's'}`];
    if (e.errors > 0) {
      parts.push(`${e.errors} error${e.errors === 1 ? '' : 's'} (${formatPercent(e.errorRate)})`);
      red.push(i);
    }
    if (e.p50Ms !== null) parts.push(`p50 ${latency(e.p50Ms)}, p99 ${latency(e.p99Ms)}`);
    lines.push(`  ${ids.get(e.from)!} -->|"${label(parts.join(' · '))}"| ${ids.get(e.to)!}`);
  });
  if (red.length > 0) lines.push(`  linkStyle ${red.join(',')} stroke:${ERROR_COLOUR},color:${ERROR_COLOUR}`);
  return lines;
}
