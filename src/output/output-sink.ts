/**
 * Where a command's output goes when the user may name a file or "-": an AtomicFile (atomic-file.ts),
 * or standard output through the command's writer. Both take text or bytes and are committed at the
 * end, so a command writes the same way to either.
 */
import { AtomicFile } from './atomic-file.js';

export interface OutputSink {
  /** The destination as the user named it ("-" for standard output). */
  readonly name: string;
  write(chunk: Buffer | string): Promise<void>;
  /** Makes the output visible under its name. */
  commit(): Promise<void>;
  /** Drops what was written (the destination keeps its previous content). */
  abort(): Promise<void>;
}

/** `path` ("-": standard output, through `out`), relative paths from `cwd`. */
export async function openOutput(path: string, cwd: string, out: (text: string) => void): Promise<OutputSink> {
  if (path !== '-') return AtomicFile.open(path, cwd);
  return {
    name: '-',
    write: async (chunk) => out(chunk.toString()),
    commit: async () => undefined,
    abort: async () => undefined,
  };
}
