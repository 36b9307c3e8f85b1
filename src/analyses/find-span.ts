/**
 * `--span ID`: the spans of a trace with that id, by full id (leading zeros may be dropped, as many
 * producers drop them) or by a prefix only one span id has — span ids are long and tables cut them.
 * Several spans can share one id (a Zipkin client/server pair, a broken producer): all are returned,
 * in tree order. A prefix of several different ids is an error that lists them, never a guess.
 */
import { UsageError } from '../errors.js';
import type { SpanNode, Trace } from '../model/trace.js';

const MAX_LISTED = 10;

/** The nodes whose span id is `query`, or starts with it; [] when none. Throws when ambiguous, naming `flag`. */
export function findSpans(trace: Trace, query: string, flag = '--span'): SpanNode[] {
  const wanted = query.trim().toLowerCase();
  const padded = /^[0-9a-f]{1,16}$/.test(wanted) ? wanted.padStart(16, '0') : wanted;
  const exact = trace.nodes.filter((n) => n.span.spanId === wanted || n.span.spanId === padded);
  if (exact.length > 0 || wanted === '') return exact;
  const prefixed = trace.nodes.filter((n) => n.span.spanId.startsWith(wanted));
  const ids = [...new Set(prefixed.map((n) => n.span.spanId))].sort();
  if (ids.length > 1) {
    const more = ids.length > MAX_LISTED ? ` and ${ids.length - MAX_LISTED} more` : '';
    throw new UsageError(`${flag} '${printable(wanted)}' is ambiguous in trace ${trace.traceId}: ${ids.length} span ids start with it: ${ids.slice(0, MAX_LISTED).join(', ')}${more}`);
  }
  return prefixed;
}

/** The query as typed, with control characters shown as escapes (it is echoed to a terminal). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
