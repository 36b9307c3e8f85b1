/**
 * Writes a file so that it is either complete or not there: into a temporary file beside it, renamed
 * over the target only once everything was written. A failed or interrupted run leaves the target
 * as it was (and no half-written dump for someone to attach to a ticket).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export class AtomicFile {
  private constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly stream: WriteStream,
  ) {}

  /** Opens a temporary file in the target's directory (which must exist). */
  static async open(path: string): Promise<AtomicFile> {
    const dir = dirname(resolve(path));
    try {
      if (!(await stat(dir)).isDirectory()) throw new UsageError(`cannot write ${path}: ${dir} is not a directory`);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`cannot write ${path}: no directory ${dir}`);
    }
    const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const stream = createWriteStream(temp, { flags: 'wx' });
    try {
      await once(stream, 'open');
    } catch (err) {
      throw new UsageError(`cannot write ${path}: ${(err as Error).message}`);
    }
    return new AtomicFile(path, temp, stream);
  }

  async write(chunk: Buffer | string): Promise<void> {
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Finishes the temporary file and renames it over the target. */
  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    try {
      await rename(this.temp, this.path);
    } catch (err) {
      await unlink(this.temp).catch(() => undefined);
      throw new UsageError(`cannot write ${this.path}: ${(err as Error).message}`);
    }
  }

  /** Drops the temporary file; the target is untouched. */
  async abort(): Promise<void> {
    // Writes still queued fail once the stream is destroyed: nothing to report, the file goes away.
    this.stream.on('error', () => undefined);
    if (!this.stream.destroyed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    await unlink(this.temp).catch(() => undefined);
  }
}

/**
 * Refuses to write over an input: the same path, or another name for the same file (a symlink or a
 * hard link), since the input is read while the output is written.
 */
export async function refuseInputAsOutput(output: string, inputs: readonly string[]): Promise<void> {
  const out = resolve(output);
  const outStat = await stat(out).catch(() => undefined);
  for (const input of inputs) {
    if (input === '-') continue;
    const same = resolve(input) === out || (outStat !== undefined && (await stat(input).then((s) => s.dev === outStat.dev && s.ino === outStat.ino, () => false)));
    if (same) throw new UsageError(`the output ${output} is the input ${input}: write the redacted dump to another file`);
  }
  if (outStat?.isDirectory() === true) throw new UsageError(`cannot write ${output}: it is a directory`);
}
