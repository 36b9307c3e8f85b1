/**
 * Gzip is recognised by its magic bytes (1f 8b), never by a file name, for files and stdin alike;
 * concatenated gzip members (what `cat a.gz b.gz` makes) decompress as one stream.
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export interface Decompressed {
  readonly gzip: boolean;
  readonly chunks: AsyncIterable<Buffer>;
}

/**
 * Peeks at the first bytes of `source` and returns its plain chunks: the source itself, or its
 * gunzipped content. `onRawBytes` sees the bytes as read (compressed), for progress.
 */
export async function decompress(source: AsyncIterable<Buffer>, onRawBytes: (n: number) => void): Promise<Decompressed> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 2) {
    const next = await it.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const chunk = toBuffer(next.value);
    onRawBytes(chunk.length);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = Buffer.concat(head);
  const raw = (async function* (): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done === true) return;
      const chunk = toBuffer(next.value);
      onRawBytes(chunk.length);
      yield chunk;
    }
  })();
  const gzip = first.length >= 2 && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1;
  if (!gzip) return { gzip, chunks: raw };
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  // pipeline forwards a read error of the source to the gunzip stream the caller iterates.
  pipeline(Readable.from(raw), gunzip, () => undefined);
  return { gzip, chunks: gunzip };
}

function toBuffer(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value as string);
}
