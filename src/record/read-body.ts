/**
 * Reads a request body whole, within limits, and undoes its Content-Encoding.
 *
 * Exporters send one batch per request (a few hundred spans, well under a megabyte), so holding a
 * body in memory is fine; the limits keep a runaway or hostile sender from taking the process down,
 * and they apply to the decompressed size too (a small gzip body can inflate a thousandfold).
 * Gzip is also recognised by its magic bytes, for senders that compress without saying so.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { BodyError } from './body-error.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const brotliAsync = promisify(brotliDecompress);

export interface BodyLimits {
  /** Largest body accepted as sent (compressed), in bytes. */
  readonly maxBytes: number;
  /** Largest body accepted after decompression, in bytes. */
  readonly maxDecodedBytes: number;
}

export const DEFAULT_LIMITS: BodyLimits = { maxBytes: 64 * 1024 * 1024, maxDecodedBytes: 256 * 1024 * 1024 };

export async function readBody(req: IncomingMessage, limits: BodyLimits = DEFAULT_LIMITS): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw new BodyError(413, `request body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
  }
  // With a declared length the body is gathered in one buffer as it arrives, not as a list of
  // chunks copied together at the end: half the memory per body being read.
  const into = Number.isInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  let filled = 0;
  const rest: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    if (total + buf.length > limits.maxBytes) throw new BodyError(413, `request body is over the ${limits.maxBytes}-byte limit`);
    if (into !== undefined && rest.length === 0 && filled + buf.length <= into.length) filled += buf.copy(into, filled);
    else rest.push(buf);
    total += buf.length;
  }
  const head = into?.subarray(0, filled);
  const raw = rest.length === 0 ? (head ?? Buffer.alloc(0)) : Buffer.concat(head === undefined ? rest : [head, ...rest], total);
  return decode(raw, contentEncoding(req), limits);
}

function contentEncoding(req: IncomingMessage): string {
  return (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
}

async function decode(raw: Buffer, encoding: string, limits: BodyLimits): Promise<Buffer> {
  const options = { maxOutputLength: limits.maxDecodedBytes };
  try {
    switch (encoding) {
      case '':
      case 'identity':
        return raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? await gunzipAsync(raw, options) : raw;
      case 'gzip':
      case 'x-gzip':
        return await gunzipAsync(raw, options);
      case 'deflate':
        return await inflateAsync(raw, options);
      case 'br':
        return await brotliAsync(raw, options);
      default:
        throw new BodyError(415, `unsupported Content-Encoding '${encoding}' (gzip, deflate, br or none)`);
    }
  } catch (err) {
    if (err instanceof BodyError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new BodyError(413, `request body inflates to more than ${limits.maxDecodedBytes} bytes`);
    }
    throw new BodyError(400, `request body is not valid ${encoding === 'identity' || encoding === '' ? 'gzip' : encoding} data (${(err as Error).message})`);
  }
}
