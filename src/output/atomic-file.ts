/**
 * A file that is either complete or not there: written into a temporary file beside the target (so
 * the final rename stays on one file system and is atomic), synced, and renamed over the target only
 * once everything was written. A failed or interrupted run leaves the target as it was, and never a
 * half-written dump for someone to read or attach to a ticket. Every command that writes a file
 * (convert, redact, record, check's reports) writes through this.
 *
 * The path is resolved against the run's directory (`io.cwd`) and named in messages as the user gave
 * it. Writes are gathered into large chunks and awaited, so memory stays flat however big the file.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TracectlError } from '../errors.js';

const FLUSH_BYTES = 1 << 20;

export class AtomicFile {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private closed = false;

  private constructor(
    /** The target as the user named it. */
    readonly name: string,
    private readonly target: string,
    /** Where the bytes go until commit. */
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens the temporary file now, so a bad path fails before any work is done. */
  static async open(name: string, cwd: string): Promise<AtomicFile> {
    const target = resolve(cwd, name);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory() === true) throw writeError(name, { code: 'EISDIR' });
    const tempPath = join(dirname(target), `.${basename(target)}.tracectl-${randomBytes(6).toString('hex')}.tmp`);
    try {
      return new AtomicFile(name, target, tempPath, await open(tempPath, 'wx', 0o644));
    } catch (err) {
      throw writeError(name, err);
    }
  }

  async write(chunk: Buffer | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Writes what is left, syncs, and renames the temporary file over the target. */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
      await this.close();
      await rename(this.tempPath, this.target);
    } catch (err) {
      await this.abort();
      throw err instanceof TracectlError ? err : writeError(this.name, err);
    }
  }

  /** Drops the temporary file; the target keeps what it had. */
  async abort(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await this.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      for (let offset = 0; offset < chunk.length; ) offset += (await this.handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
    } catch (err) {
      throw writeError(this.name, err);
    }
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/** A file-system error while writing `name`, as one line naming it. */
function writeError(name: string, err: unknown): TracectlError {
  return new TracectlError(`cannot write ${name}: ${describe(err)}`);
}

function describe(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
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
