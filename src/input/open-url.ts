/**
 * Opens an http:// or https:// input: the response body is streamed into the same pipeline as a
 * file (gzip by magic bytes, format detection by content), so a Jaeger, Tempo or Zipkin query API
 * answer reads like a dump of the same shape. Tempo searches are followed by a fetch of each trace.
 *
 * Every failure a user can cause (refused connection, 4xx with the server's message, a cut-off
 * body, an HTML page where JSON was expected) is an `InputError` naming the URL with its secrets
 * masked.
 */
import { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { displayUrl } from './http-display-name.js';
import { EMPTY_CHECK_BYTES, isEmptyResult } from './http-empty-result.js';
import { httpGet } from './http-fetch.js';
import type { HttpSettings } from './http-settings.js';
import { isTempoSearch, tempoSearchTraces } from './http-tempo-search.js';
import type { OpenedInput } from './opened-input.js';

const URL_PATTERN = /^https?:\/\//i;

export function isUrlInput(path: string): boolean {
  return URL_PATTERN.test(path);
}

export async function openUrl(raw: string, settings: HttpSettings): Promise<OpenedInput> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(raw, 'is not a valid URL');
  }
  const name = displayUrl(url);
  if (isTempoSearch(url)) {
    const search = await tempoSearchTraces(url, name, settings);
    return { name, stream: Readable.from(search.chunks, { objectMode: false }) };
  }
  const answer = await httpGet(url, settings, { name, accept: 'application/json' });
  if (answer === undefined) throw new InputError(name, 'HTTP 404 Not Found');
  if ((answer.contentType ?? '').toLowerCase().includes('text/html')) {
    throw new InputError(name, `the server sent an HTML page, not trace data${uiHint(answer.url)}`);
  }
  const stream = Readable.from(checkEmpty(answer.chunks, name), { objectMode: false });
  return { name, stream, ...(answer.totalBytes !== undefined ? { sizeBytes: answer.totalBytes } : {}) };
}

/** Passes chunks through; a small body that is a backend's "no results" answer becomes a clear error. */
async function* checkEmpty(chunks: AsyncIterable<Buffer>, name: string): AsyncGenerator<Buffer> {
  const head: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size <= EMPTY_CHECK_BYTES) head.push(chunk);
    yield chunk;
  }
  if (size <= EMPTY_CHECK_BYTES && isEmptyResult(Buffer.concat(head).toString('utf8'))) {
    throw new InputError(name, 'the server answered with no traces: the query matched nothing (check the service name and time range)');
  }
}

/** For a UI page address, the API address that serves the same trace. */
function uiHint(url: URL): string {
  const jaeger = /^(.*)\/trace\/([0-9a-fA-F]{1,32})\/?$/.exec(url.pathname);
  if (jaeger !== null) return `: for Jaeger use ${url.origin}${jaeger[1]}/api/traces/${jaeger[2]}`;
  const zipkin = /^(.*)\/traces\/([0-9a-fA-F]{1,32})\/?$/.exec(url.pathname);
  if (zipkin !== null) return `: for Zipkin use ${url.origin}${zipkin[1]}/api/v2/trace/${zipkin[2]}`;
  return ' (is this a web UI address? use the query API: /api/traces/<id> for Jaeger and Tempo, /api/v2/trace/<id> for Zipkin)';
}
