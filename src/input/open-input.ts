/**
 * Opens one input: a file path, or "-" for standard input. Problems a user can cause (a missing
 * path, a directory, no permission, a terminal where a pipe was expected) become one-line errors
 * naming the input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError, UsageError } from '../errors.js';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from './http-settings.js';
import type { OpenedInput } from './opened-input.js';

export const STDIN_NAME = '-';
/** How standard input is named in messages. */
const STDIN_DISPLAY = 'stdin';
const CHUNK_BYTES = 1 << 20;

export interface StdinLike extends Readable {
  readonly isTTY?: boolean;
}

/** Where inputs come from: standard input, and the directory relative paths start from. */
export interface InputPlace {
  readonly stdin: StdinLike;
  /** Absent: the process's working directory. */
  readonly cwd?: string;
  /** How URL inputs are fetched (absent: the defaults). */
  readonly http?: HttpSettings;
}

/** Opens `path` (named in messages as given), a URL, or "-" for standard input. */
export async function openInput(path: string, place: InputPlace): Promise<OpenedInput> {
  const { stdin } = place;
  if (/^https?:\/\//i.test(path)) return (await import('./open-url.js')).openUrl(path, place.http ?? DEFAULT_HTTP_SETTINGS);
  if (path === STDIN_NAME) {
    if (stdin.isTTY === true) {
      throw new UsageError('no input: give a dump path, or pipe one into tracectl (standard input is a terminal)');
    }
    return { name: STDIN_DISPLAY, stream: stdin };
  }
  const file = place.cwd === undefined ? path : resolve(place.cwd, path);
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a trace dump');
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, describeFsError(err));
  }
  return { name: path, stream: createReadStream(file, { highWaterMark: CHUNK_BYTES }), sizeBytes: size };
}

/** A file-system error as a user-facing phrase. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a trace dump';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return `cannot read: ${(err as Error | undefined)?.message ?? String(err)}`;
  }
}
