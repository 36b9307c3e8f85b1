/** An input opened for reading: files, stdin and URLs alike (open-input.ts, open-url.ts). */
import type { Readable } from 'node:stream';

export interface OpenedInput {
  /** The name to show: the path as given, "stdin", or the URL with its secrets masked. */
  readonly name: string;
  readonly stream: Readable;
  /** Size, when known (files, URLs that say), for progress. */
  readonly sizeBytes?: number;
}
