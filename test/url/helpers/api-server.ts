/**
 * A trace backend stand-in for tests: an HTTP server on 127.0.0.1 (a free port) that answers each
 * path with a scripted response — a fixture body, optionally gzip-encoded, chunked, slow, cut off
 * or failing — and records the requests it got. A path may script a sequence (one response per
 * request, the last repeated), for retries.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

interface Scripted {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** The body: text, bytes, or a fixture path relative to fixtures/. */
  readonly body?: string | Buffer;
  readonly fixture?: string;
  /** Send the body gzip-compressed with Content-Encoding: gzip. */
  readonly gzip?: boolean;
  /** Send without Content-Length, in chunks of this many bytes. */
  readonly chunkBytes?: number;
  /** Wait before answering at all. */
  readonly delayMs?: number;
  /** Wait between chunks. */
  readonly chunkDelayMs?: number;
  /** Send only this many bytes of the body (Content-Length still says the whole), then close. */
  readonly cutAfterBytes?: number;
  /** Send this many bytes of the body and then nothing more, keeping the connection open. */
  readonly stallAfterBytes?: number;
}

export type Script = Scripted | readonly Scripted[] | ((req: IncomingMessage, res: ServerResponse) => void);

interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ApiServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Replaces or adds a path's script. */
  route(path: string, script: Script): void;
  close(): Promise<void>;
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));
}

export async function startApiServer(routes: Record<string, Script> = {}): Promise<ApiServer> {
  const table = new Map<string, Script>(Object.entries(routes));
  const calls = new Map<string, number>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const key = req.url ?? '/';
    const script = table.get(key) ?? table.get(key.split('?')[0] ?? '');
    if (script === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${key}\n`);
      return;
    }
    if (typeof script === 'function') {
      script(req, res);
      return;
    }
    const n = calls.get(key) ?? 0;
    calls.set(key, n + 1);
    const step = Array.isArray(script) ? (script[Math.min(n, script.length - 1)] as Scripted) : (script as Scripted);
    void answer(step, res, wait);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, script) => void table.set(path, script),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(step: Scripted, res: ServerResponse, wait: (ms: number) => Promise<void>): Promise<void> {
  if (step.delayMs !== undefined) await wait(step.delayMs);
  if (res.destroyed) return;
  let body = step.fixture !== undefined ? fixtureBytes(step.fixture) : Buffer.from(step.body ?? '');
  const headers: Record<string, string> = { 'content-type': 'application/json', ...step.headers };
  if (step.gzip === true) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  if (step.chunkBytes === undefined) headers['content-length'] = String(body.length);
  res.writeHead(step.status ?? 200, headers);
  const limit = step.cutAfterBytes ?? step.stallAfterBytes ?? body.length;
  const size = step.chunkBytes ?? body.length;
  for (let at = 0; at < limit; at += size) {
    res.write(body.subarray(at, Math.min(at + size, limit)));
    if (step.chunkDelayMs !== undefined) await wait(step.chunkDelayMs);
    if (res.destroyed) return;
  }
  if (step.cutAfterBytes !== undefined) {
    // Let the written bytes leave, then drop the connection mid-body.
    await wait(20);
    res.socket?.destroy();
    return;
  }
  if (step.stallAfterBytes !== undefined) return; // never finishes; close() ends it
  res.end();
}
