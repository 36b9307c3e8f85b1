/**
 * The local trace receiver behind `tracectl record`: an HTTP server that accepts what
 * OpenTelemetry and Zipkin exporters send and hands each request to the dump writer, in arrival
 * order.
 *
 * - `POST /v1/traces`: OTLP/HTTP, JSON or protobuf, optionally gzip/deflate/br encoded.
 * - `POST /api/v2/spans` (and v1's `/api/v1/spans`): Zipkin JSON, converted to OTLP JSON.
 * - `POST /v1/metrics`, `/v1/logs`: answered with success and dropped, so an SDK that also exports
 *   metrics or logs to the same endpoint does not log errors or retry.
 *
 * Each request asks the sink for a slot before its body is read; a sink with no room keeps it
 * waiting (its socket unread, its answer held), which is the backpressure that keeps memory flat
 * when exporters send faster than the disk writes. A request is acknowledged once its spans are
 * decoded and handed to the sink, not when they are on disk: waiting for the disk on every request
 * would make exporters time out and retry, which would duplicate spans. Stopping waits for requests
 * in flight, held ones included, so nothing acknowledged is lost.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyError } from './body-error.js';
import { otlpEncodingOf, otlpRequestLine, type OtlpEncoding, type RequestLine } from './otlp-request.js';
import { DEFAULT_LIMITS, readBody, type BodyLimits } from './read-body.js';
import type { RequestSink, Slot } from './request-sink.js';
import { rpcStatusBody } from './rpc-status.js';
import { zipkinRequestLine } from './zipkin-request.js';

export interface ReceiverOptions {
  readonly host: string;
  readonly port: number;
  /** Where each trace request goes (the dump writer); its room paces the senders. */
  readonly sink: RequestSink;
  readonly limits?: BodyLimits;
  /** Called after each accepted trace request, for progress. */
  readonly onAccepted?: (stats: Readonly<ReceiverStats>) => void;
  /** Called for each refused request, with the reason sent back. */
  readonly onRefused?: (path: string, status: number, message: string) => void;
}

export interface ReceiverStats {
  otlpJson: number;
  otlpProtobuf: number;
  zipkin: number;
  spans: number;
  /** Requests answered with an error status. */
  refused: number;
  /** Trace requests whose sender went away before the body was complete. */
  aborted: number;
  /** Metrics and logs requests, acknowledged and dropped. */
  ignored: number;
}

type Route = 'otlp' | 'zipkin' | 'ignored' | 'index';

const ROUTES = new Map<string, Route>([
  ['/v1/traces', 'otlp'],
  ['/api/v2/spans', 'zipkin'],
  ['/api/v1/spans', 'zipkin'],
  ['/v1/metrics', 'ignored'],
  ['/v1/logs', 'ignored'],
  ['/', 'index'],
]);

export class Receiver {
  readonly stats: ReceiverStats = { otlpJson: 0, otlpProtobuf: 0, zipkin: 0, spans: 0, refused: 0, aborted: 0, ignored: 0 };
  /** When the last request arrived (ms since the epoch), for the grace period after a command. */
  lastActivityMs = Date.now();
  private inFlight = 0;
  /** Set by stop(): a request arriving on a kept-alive connection now is turned away, not half-kept. */
  private stopping = false;
  private idleWaiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly options: ReceiverOptions,
  ) {}

  /** Listens on host:port (port 0 picks a free one). Rejects with the socket error (EADDRINUSE...). */
  static async start(options: ReceiverOptions): Promise<Receiver> {
    const server = createServer({ requestTimeout: 120_000, headersTimeout: 30_000 });
    const receiver = new Receiver(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void receiver.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return receiver;
  }

  get address(): { host: string; port: number } {
    const info = this.server.address() as AddressInfo;
    return { host: info.address, port: info.port };
  }

  /** Requests being read, decoded, or held until the sink has room. */
  get busy(): number {
    return this.inFlight;
  }

  /**
   * Stops listening, lets requests in flight finish for up to `timeoutMs`, then cuts the rest off.
   * Returns how many were cut off.
   */
  async stop(timeoutMs: number): Promise<number> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let cutOff = 0;
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const finished = await Promise.race([this.idle().then(() => true), timedOut]);
      clearTimeout(timer);
      if (!finished) cutOff = this.inFlight;
    }
    // Requests cut off here lose their sockets, so their handlers settle at once.
    this.server.closeAllConnections();
    await this.idle();
    await closed;
    return cutOff;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => (this.inFlight === 0 ? resolve() : this.idleWaiters.push(resolve)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.lastActivityMs = Date.now();
    const path = pathOf(req.url);
    const route = ROUTES.get(path);
    if (route === undefined) {
      this.refuse(res, path, 404, `no such endpoint: ${path} (OTLP traces go to /v1/traces, Zipkin spans to /api/v2/spans)`);
      return;
    }
    if (route === 'index') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('tracectl record: POST OTLP traces to /v1/traces, Zipkin spans to /api/v2/spans\n');
      return;
    }
    if (this.stopping) {
      res.setHeader('connection', 'close');
      this.refuse(res, path, 503, 'tracectl record is stopping');
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      this.refuse(res, path, 405, `${path} takes POST, not ${req.method ?? 'that method'}`);
      return;
    }
    // A sender that goes away while held must not keep its place (or stop() waiting).
    const gone = new AbortController();
    const onClose = (): void => gone.abort();
    res.once('close', onClose);
    let slot: Slot | undefined;
    this.inFlight++;
    try {
      // The slot is taken before the body is read: arrival order is the order in the file, and
      // while the sink has no room this socket is not read.
      if (route !== 'ignored') {
        try {
          slot = await this.options.sink.admit(this.expectedBytes(req), gone.signal);
        } catch (err) {
          if (!gone.signal.aborted) throw err;
          this.stats.aborted++;
          return;
        }
      }
      await this.serve(route, path, req, res, slot);
    } catch (err) {
      // Not the sender's fault (the dump cannot be written, or a bug): answer 500, which the
      // exporter logs with the reason, and keep running.
      if (!res.headersSent) this.refuse(res, path, 500, `tracectl could not store this request: ${(err as Error).message}`);
      else res.destroy();
    } finally {
      res.off('close', onClose);
      slot?.fill(undefined); // a no-op when already filled
      this.inFlight--;
      this.lastActivityMs = Date.now();
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** The body's declared size, held against the sink's room until the body is decoded. */
  private expectedBytes(req: IncomingMessage): number {
    const declared = Number(req.headers['content-length']);
    const max = (this.options.limits ?? DEFAULT_LIMITS).maxBytes;
    return Number.isFinite(declared) && declared > 0 ? Math.min(declared, max) : 0;
  }

  private async serve(route: Route, path: string, req: IncomingMessage, res: ServerResponse, slot: Slot | undefined): Promise<void> {
    // How to word a refusal before the body is known: protobuf only for a sender that said so.
    let encoding: OtlpEncoding = (req.headers['content-type'] ?? '').includes('protobuf') ? 'protobuf' : 'json';
    let body: Buffer;
    try {
      body = await readBody(req, this.options.limits ?? DEFAULT_LIMITS);
    } catch (err) {
      if (err instanceof BodyError) {
        this.refuseFor(route, res, path, err, encoding);
        return;
      }
      // The sender went away mid-body: nothing to answer, nothing to keep.
      this.stats.aborted++;
      return;
    }
    if (route === 'ignored') {
      this.stats.ignored++;
      respondOk(res, encoding, 200);
      return;
    }
    try {
      let result: RequestLine;
      if (route === 'otlp') {
        encoding = otlpEncodingOf(req.headers['content-type'], body);
        result = otlpRequestLine(body, encoding);
        if (encoding === 'json') this.stats.otlpJson++;
        else this.stats.otlpProtobuf++;
      } else {
        result = zipkinRequestLine(body, req.headers['content-type']);
        this.stats.zipkin++;
      }
      slot?.fill(result.line);
      this.stats.spans += result.spans;
      this.options.onAccepted?.(this.stats);
      if (route === 'zipkin') res.writeHead(202).end();
      else respondOk(res, encoding, 200);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      this.refuseFor(route, res, path, err, encoding);
    }
  }

  private refuseFor(route: Route, res: ServerResponse, path: string, err: BodyError, encoding: OtlpEncoding): void {
    this.stats.refused++;
    this.options.onRefused?.(path, err.status, err.message);
    if (route === 'otlp' || route === 'ignored') {
      res.writeHead(err.status, { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf' });
      res.end(rpcStatusBody(err.message, encoding));
    } else {
      res.writeHead(err.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${err.message}\n`);
    }
  }

  private refuse(res: ServerResponse, path: string, status: number, message: string): void {
    this.stats.refused++;
    this.options.onRefused?.(path, status, message);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
  }
}

/** An empty ExportTraceServiceResponse: `{}` in JSON, zero bytes in protobuf. */
function respondOk(res: ServerResponse, encoding: OtlpEncoding, status: number): void {
  if (encoding === 'json') res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  else res.writeHead(status, { 'content-type': 'application/x-protobuf' }).end();
}

function pathOf(url: string | undefined): string {
  const raw = (url ?? '/').split('?')[0] ?? '/';
  return raw.length > 1 && raw.endsWith('/') ? raw.slice(0, -1) : raw;
}
