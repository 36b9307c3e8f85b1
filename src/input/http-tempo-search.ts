/**
 * Tempo's search (`/api/search?q=<TraceQL>` or `?tags=...`) answers with trace ids and summaries,
 * not spans. To read the traces it found, each id is fetched from `/api/traces/<id>` on the same
 * base path, one after another, and the responses are streamed on as one input, one JSON document
 * per trace. A trace that is gone by the time it is fetched (404) is skipped with a notice.
 */
import { InputError } from '../errors.js';
import { httpGet } from './http-fetch.js';
import type { HttpSettings } from './http-settings.js';

const SEARCH_SUFFIX = /\/api\/search\/?$/;
const MAX_SEARCH_BYTES = 32 * 1024 * 1024;
const NEWLINE = Buffer.from('\n');

export function isTempoSearch(url: URL): boolean {
  return SEARCH_SUFFIX.test(url.pathname);
}

/** The trace ids in a Tempo search response, in its order, without repeats. */
export function traceIdsOfSearch(response: unknown): string[] | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const traces = (response as Record<string, unknown>).traces;
  if (traces === undefined || traces === null) return [];
  if (!Array.isArray(traces)) return undefined;
  const ids: string[] = [];
  for (const t of traces) {
    const id = typeof t === 'object' && t !== null ? (t as Record<string, unknown>).traceID ?? (t as Record<string, unknown>).traceId : undefined;
    if (typeof id === 'string' && /^[0-9a-fA-F]{1,32}$/.test(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The search's traces as one stream. Fails when the search itself fails or finds nothing. */
export async function tempoSearchTraces(url: URL, name: string, settings: HttpSettings): Promise<{ chunks: AsyncIterable<Buffer>; count: number }> {
  const answer = await httpGet(url, settings, { name, accept: 'application/json' });
  if (answer === undefined) throw new InputError(name, 'the search endpoint was not found');
  const text = await readAll(answer.chunks, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(name, 'the search answer is not JSON');
  }
  const ids = traceIdsOfSearch(parsed);
  if (ids === undefined) throw new InputError(name, 'not a Tempo search answer (no "traces" list)');
  if (ids.length === 0) throw new InputError(name, 'the search matched no traces');
  const base = new URL(answer.url.href);
  base.pathname = answer.url.pathname.replace(SEARCH_SUFFIX, '');
  base.search = '';
  const chunks = (async function* (): AsyncGenerator<Buffer> {
    let found = 0;
    for (const id of ids) {
      const traceUrl = new URL(`${base.pathname}/api/traces/${id}`, base);
      const traceName = `${name} → trace ${id}`;
      const trace = await httpGet(traceUrl, settings, { name: traceName, accept: 'application/json', allowNotFound: true });
      if (trace === undefined) {
        settings.onEvent?.({ type: 'notice', message: `${name}: trace ${id} is no longer there (404); skipped` });
        continue;
      }
      found++;
      for await (const chunk of trace.chunks) yield chunk;
      yield NEWLINE;
    }
    if (found === 0) throw new InputError(name, `none of the ${ids.length} traces the search found could be fetched`);
  })();
  return { chunks, count: ids.length };
}

async function readAll(chunks: AsyncIterable<Buffer>, name: string): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_SEARCH_BYTES) throw new InputError(name, `the search answer is larger than ${MAX_SEARCH_BYTES} bytes; narrow the search (limit=...)`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}
