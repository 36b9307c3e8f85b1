/**
 * Where `tracectl convert` writes: a file, replaced atomically, or standard output.
 *
 * A file is written to a temporary file in the same directory (so the final rename stays on one file
 * system and is atomic) and renamed over the destination only once everything was written: a failed
 * or interrupted conversion never leaves a half-written dump where the user expects a complete one,
 * and never destroys the file that was there. Writes are buffered into large chunks and awaited, so
 * memory stays flat however big the dump.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TracectlError } from '../errors.js';

export interface OutputSink {
  /** The destination as the user named it ("-" for standard output). */
  readonly name: string;
  write(text: string): Promise<void>;
  /** Makes the output visible under its name. */
  commit(): Promise<void>;
  /** Drops what was written (the destination keeps its previous content). */
  abort(): Promise<void>;
}

const FLUSH_CHARS = 1 << 20;

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return (err as Error | undefined)?.message ?? String(err);
  }
}

function outputError(path: string, err: unknown): TracectlError {
  return new TracectlError(`cannot write ${path}: ${describe(err)}`);
}

/** A temporary file next to `path`, renamed to `path` on commit. */
export async function openFileSink(path: string): Promise<OutputSink> {
  const temp = join(dirname(path), `.${basename(path)}.tracectl-${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx');
  } catch (err) {
    throw outputError(path, err);
  }
  let pending: string[] = [];
  let pendingChars = 0;
  let closed = false;
  const flush = async (): Promise<void> => {
    if (pendingChars === 0) return;
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    try {
      await handle.write(text);
    } catch (err) {
      throw outputError(path, err);
    }
  };
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    name: path,
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= FLUSH_CHARS) await flush();
    },
    async commit() {
      await flush();
      await close();
      try {
        await rename(temp, path);
      } catch (err) {
        await unlink(temp).catch(() => undefined);
        throw outputError(path, err);
      }
    },
    async abort() {
      await close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}

/** Standard output, through the command's writer (which never buffers the whole output). */
export function stdoutSink(out: (text: string) => void): OutputSink {
  return {
    name: '-',
    write: async (text) => out(text),
    commit: async () => undefined,
    abort: async () => undefined,
  };
}
