/**
 * `waterfall --root SPAN`: the span whose subtree becomes the whole view. A span id is looked up as
 * `tracectl span --span` does (a full id, leading zeros optional, or a prefix only one id has);
 * failing that, the query is a name: the operation, the service, or "service operation" as the row
 * shows it, matched exactly, else as a case-insensitive part of "service operation". Only the outermost matches count (a match
 * inside another match's subtree is already in that view), so a Zipkin client/server pair sharing an
 * id gives its client half. Several outermost matches are an error that lists them, never a guess.
 */
import { UsageError } from '../errors.js';
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { findSpans } from './find-span.js';

const MAX_LISTED = 10;

/** The root span for the query, or undefined when no span of the trace matches it. Throws when ambiguous. */
export function findRootSpan(trace: Trace, query: string): SpanNode | undefined {
  const byId = outermost(trace, findSpans(trace, query, '--root'));
  if (byId.length > 0) return byId[0];
  const exact = trace.nodes.filter((n) => n.span.operation === query || n.span.service === query || label(n) === query);
  const wanted = query.toLowerCase();
  const matches = outermost(trace, exact.length > 0 ? exact : trace.nodes.filter((n) => label(n).toLowerCase().includes(wanted)));
  if (matches.length > 1) {
    const listed = matches.slice(0, MAX_LISTED).map((n) => `${n.span.spanId} (${label(n)} at +${nsToMs(n.offsetNs)}ms)`);
    const more = matches.length > MAX_LISTED ? ` and ${matches.length - MAX_LISTED} more` : '';
    throw new UsageError(`--root '${printable(query)}' names ${matches.length} spans in trace ${trace.traceId}: ${printable(listed.join(', '))}${more}; give one's span id`);
  }
  return matches[0];
}

/**
 * Whether some span of the trace matches the query (for choosing a trace). An ambiguous query still
 * names spans of this trace, so the trace is a candidate; findRootSpan then refuses it with the list.
 */
export function hasRootSpan(trace: Trace, query: string): boolean {
  try {
    return findRootSpan(trace, query) !== undefined;
  } catch {
    return true;
  }
}

function label(n: SpanNode): string {
  return n.span.operation === '' ? n.span.service : `${n.span.service} ${n.span.operation}`;
}

/** The matches that have no matching ancestor, in tree order; walks each match's ancestors, no recursion. */
function outermost(trace: Trace, matches: readonly SpanNode[]): SpanNode[] {
  if (matches.length <= 1) return [...matches];
  const matched = new Uint8Array(trace.nodes.length);
  for (const m of matches) matched[m.index] = 1;
  // Matches arrive in tree order, so an ancestor is marked "has a match above" before its descendants.
  const covered = new Uint8Array(trace.nodes.length);
  const out: SpanNode[] = [];
  for (const node of trace.nodes) {
    const above = node.parent !== undefined && (covered[node.parent.index] === 1 || matched[node.parent.index] === 1);
    if (above) covered[node.index] = 1;
    if (matched[node.index] === 1 && !above) out.push(node);
  }
  return out;
}

/** The query as typed, with control characters shown as escapes (it is echoed to a terminal). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
