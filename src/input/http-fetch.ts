/**
 * One HTTP(S) GET for an input, with everything a flaky network and a real backend need: a time
 * limit on connecting, on the response and on every pause in the body; retries with exponential
 * backoff (honouring Retry-After) on 408/429/5xx and dropped connections, but only before the body
 * starts, since spans already handed on cannot be taken back; redirects followed up to a bound,
 * without the user's headers when they lead to another origin (a token must not leak to a host the
 * user did not name); and the body decoded by its Content-Encoding.
 *
 * Errors a user can cause become `InputError`s naming the URL (credentials masked), with the
 * server's own message for 4xx/5xx answers.
 */
import { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PassThrough, pipeline, type Readable, Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { InputError } from '../errors.js';
import { serverMessage } from './http-error-message.js';
import type { HttpSettings } from './http-settings.js';

export interface HttpBody {
  /** Where the body came from, after redirects. */
  readonly url: URL;
  readonly contentType: string | undefined;
  /** Content-Length, when the body is not content-encoded (for progress). */
  readonly totalBytes?: number;
  /** The body, decoded by its Content-Encoding; failures are `InputError`s. */
  readonly chunks: AsyncIterable<Buffer>;
}

export interface HttpRequestOptions {
  /** The input's name in messages. */
  readonly name: string;
  readonly accept: string;
  /** Answer a 404 with undefined instead of an error (a trace that expired between search and fetch). */
  readonly allowNotFound?: boolean;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRY_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'TRACECTL_TIMEOUT']);
/** Error bodies are read this far for the server's message. */
const ERROR_BODY_BYTES = 64 * 1024;

class TimeoutError extends Error {
  readonly code = 'TRACECTL_TIMEOUT';
}

export async function httpGet(url: URL, settings: HttpSettings, options: HttpRequestOptions): Promise<HttpBody | undefined> {
  const { name } = options;
  let target = url;
  let headers = requestHeaders(settings, options.accept);
  let redirects = 0;
  for (let attempt = 1; ; attempt++) {
    settings.onEvent?.({ type: 'request', url: name, attempt });
    let sent: { req: ClientRequest; res: IncomingMessage; timedOut: () => boolean };
    try {
      sent = await send(target, headers, settings.timeoutMs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (RETRY_CODES.has(code) && attempt <= settings.retries) {
        await backoff(settings, attempt, undefined, `${networkProblem(err, settings)}`, name);
        continue;
      }
      const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
      throw new InputError(name, `${networkProblem(err, settings)}${tries}`);
    }
    const { res } = sent;
    const status = res.statusCode ?? 0;
    if (REDIRECT_STATUSES.has(status) && res.headers.location !== undefined) {
      res.resume();
      if (++redirects > settings.maxRedirects) throw new InputError(name, `too many redirects (more than ${settings.maxRedirects})`);
      const next = new URL(res.headers.location, target);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new InputError(name, `redirected to an unsupported address: ${next.protocol}`);
      if (next.origin !== target.origin && settings.headers.length > 0) {
        headers = requestHeaders({ ...settings, headers: [] }, options.accept);
        settings.onEvent?.({ type: 'notice', message: `${name}: redirected to ${next.origin}; your --header values are not sent there` });
      }
      target = next;
      attempt--; // a redirect is not a failed attempt
      continue;
    }
    if (status >= 200 && status < 300) return body(target, sent, settings, name);
    if (status === 404 && options.allowNotFound === true) {
      res.resume();
      return undefined;
    }
    const text = await readSome(res, ERROR_BODY_BYTES).catch(() => '');
    const message = serverMessage(text, res.headers['content-type']);
    if (RETRY_STATUSES.has(status) && attempt <= settings.retries) {
      await backoff(settings, attempt, retryAfterMs(res.headers), `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim(), name);
      continue;
    }
    throw new InputError(name, statusProblem(status, message, attempt));
  }
}

function requestHeaders(settings: HttpSettings, accept: string): Record<string, string> {
  const headers: Record<string, string> = { accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'tracectl' };
  for (const [key, value] of settings.headers) headers[key.toLowerCase()] = value;
  return headers;
}

function send(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<{ req: ClientRequest; res: IncomingMessage; timedOut: () => boolean }> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let timedOut = false;
    const req = request(url, { method: 'GET', headers });
    // An idle limit on the socket: connecting, waiting for the answer, and every pause in the body.
    req.setTimeout(timeoutMs, () => {
      timedOut = true;
      req.destroy(new TimeoutError(`no answer within ${timeoutMs / 1000}s`));
    });
    req.once('error', reject);
    req.once('response', (res) => {
      req.off('error', reject);
      // Later errors surface through the response body.
      req.on('error', () => undefined);
      resolve({ req, res, timedOut: () => timedOut });
    });
    req.end();
  });
}

/** The body as decoded chunks, with progress and cut-off detection. */
function body(url: URL, sent: { req: ClientRequest; res: IncomingMessage; timedOut: () => boolean }, settings: HttpSettings, name: string): HttpBody {
  const { res } = sent;
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const declared = Number(res.headers['content-length']);
  const totalBytes = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      settings.onEvent?.({ type: 'bytes', url: name, bytes: received, ...(totalBytes !== undefined ? { totalBytes } : {}) });
      done(null, chunk);
    },
  });
  const decoder = decoderFor(encoding);
  if (decoder === undefined) {
    res.resume();
    throw new InputError(name, `the server sent Content-Encoding '${encoding}', which tracectl cannot decode`);
  }
  const decoded: Readable = decoder;
  pipeline(res, counter, decoder, () => undefined);
  const chunks = (async function* (): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of decoded) yield chunk as Buffer;
    } catch (err) {
      throw cutOff(name, err, received, totalBytes, sent.timedOut(), settings, encoding);
    } finally {
      sent.req.destroy();
    }
    if (totalBytes !== undefined && received < totalBytes) {
      throw new InputError(name, `the response was cut off after ${received} of ${totalBytes} bytes`);
    }
    settings.onEvent?.({ type: 'done', url: name, bytes: received });
  })();
  return { url, contentType: res.headers['content-type'], ...(totalBytes !== undefined && encoding === 'identity' ? { totalBytes } : {}), chunks };
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'identity':
    case '':
      return new PassThrough();
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function cutOff(name: string, err: unknown, received: number, total: number | undefined, timedOut: boolean, settings: HttpSettings, encoding: string): InputError {
  if (err instanceof InputError) return err;
  const of = total !== undefined ? ` of ${total}` : '';
  if (timedOut) return new InputError(name, `the response stalled: no data for ${settings.timeoutMs / 1000}s after ${received}${of} bytes`);
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || /unexpected end of file/i.test((err as Error).message)) {
    return new InputError(name, `the ${encoding} response is cut off or corrupt after ${received}${of} bytes`);
  }
  return new InputError(name, `the response was cut off after ${received}${of} bytes (connection closed)`);
}

async function readSome(res: IncomingMessage, limit: number): Promise<string> {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = decoderFor(encoding) ?? new PassThrough();
  pipeline(res, decoder, () => undefined);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of decoder) {
    parts.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= limit) break;
  }
  res.destroy();
  return Buffer.concat(parts).subarray(0, limit).toString('utf8');
}

async function backoff(settings: HttpSettings, attempt: number, retryAfter: number | undefined, why: string, name: string): Promise<void> {
  const exponential = settings.retryDelayMs * 2 ** (attempt - 1);
  const delay = Math.min(retryAfter ?? exponential, settings.maxRetryDelayMs);
  settings.onEvent?.({
    type: 'notice',
    message: `${name}: ${why}; retrying in ${formatDelay(delay)} (attempt ${attempt + 1} of ${settings.retries + 1})`,
  });
  await sleep(delay);
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function statusProblem(status: number, message: string, attempts: number): string {
  const reason = STATUS_CODES[status] ?? 'error';
  const after = attempts > 1 ? ` after ${attempts} attempts` : '';
  let hint = '';
  if (status === 401 || status === 403) hint = " (send credentials with --header 'Authorization: Bearer …' or TRACECTL_HEADERS)";
  return `HTTP ${status} ${reason}${after}${message !== '' ? `: ${message}` : ''}${hint}`;
}

function networkProblem(err: unknown, settings: HttpSettings): string {
  const e = err as NodeJS.ErrnoException & { hostname?: string; address?: string; port?: number };
  switch (e.code) {
    case 'TRACECTL_TIMEOUT':
      return `no answer within ${settings.timeoutMs / 1000}s (--http-timeout)`;
    case 'ENOTFOUND':
      return `cannot resolve host ${e.hostname ?? ''}`.trimEnd();
    case 'EAI_AGAIN':
      return `cannot resolve host ${e.hostname ?? ''} right now (DNS lookup failed)`;
    case 'ECONNREFUSED':
      return `connection refused${e.address !== undefined ? ` by ${e.address}${e.port !== undefined ? `:${e.port}` : ''}` : ''} (is the server running?)`;
    case 'ECONNRESET':
      return 'the connection was reset before an answer came';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate problem (${e.code}); to trust a private CA set NODE_EXTRA_CA_CERTS=/path/to/ca.pem`;
    default:
      return `request failed: ${e.message}`;
  }
}
