/**
 * `--trace ID`: choosing one trace of a dump the way git chooses a commit — by its full id or by any
 * prefix that only one trace has. Trace ids are long (16 or 32 hex digits) and tables show them cut
 * short, so a prefix is what people copy. A prefix that fits several traces is an error listing them,
 * never a guess.
 */
import { UsageError } from '../errors.js';
import { normalizeTraceId } from '../model/ids.js';

/** At most this many candidates are named in an "ambiguous prefix" message. */
const MAX_LISTED = 10;

const HEX = /^[0-9a-f]+$/;

/**
 * The one item whose `traceId` is `query` (as any producer might write it: upper case, leading zeros
 * dropped, a 128-bit id with a zero high half) or starts with it. Reads `items` once and keeps only
 * the matches, so a dump's traces can be streamed through it. Throws a UsageError (exit 2) when the
 * query is not hex, matches nothing, or is a prefix of several ids.
 */
export function pickTrace<T extends { readonly traceId: string }>(items: Iterable<T>, query: string): T {
  const wanted = query.trim().toLowerCase();
  if (wanted === '' || !HEX.test(wanted)) throw new UsageError(`--trace '${printable(query)}' is not a trace id: expected hex digits`);
  // A full id written differently from the dump's normal form (it pads and lower-cases ids).
  const full = wanted.length >= 16 ? normalizeTraceId(wanted) : undefined;

  let total = 0;
  const matches: T[] = [];
  for (const item of items) {
    total++;
    // A full id needs no look at the rest (which may be built lazily, at a cost).
    if (item.traceId === full || item.traceId === wanted) return item;
    if (item.traceId.startsWith(wanted)) matches.push(item);
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`no trace matches --trace '${wanted}' (the input has ${total} trace${total === 1 ? '' : 's'}; run 'tracectl traces' to list them)`);
  }
  const ids = matches.map((m) => m.traceId).sort();
  const listed = ids.slice(0, MAX_LISTED).join(', ');
  const more = ids.length > MAX_LISTED ? ` and ${ids.length - MAX_LISTED} more` : '';
  throw new UsageError(`--trace '${wanted}' is ambiguous: ${ids.length} traces start with it: ${listed}${more}`);
}

/** The query as typed, with control characters shown as escapes (it is echoed to a terminal). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Whether a trace id is one `--trace <query>` may pick (the id itself, or one it is a prefix of):
 * used to keep only the chosen trace's warnings while a dump is read. Anything for a query that is
 * no id at all (pickTrace then refuses it).
 */
export function traceQueryMatcher(query: string): (traceId: string) => boolean {
  const wanted = query.trim().toLowerCase();
  if (wanted === '' || !HEX.test(wanted)) return () => true;
  const full = wanted.length >= 16 ? normalizeTraceId(wanted) : undefined;
  return (traceId) => traceId === full || traceId.startsWith(wanted);
}
