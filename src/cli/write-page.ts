/**
 * Writes a finished page to its file atomically (a temporary file beside it, renamed over it once
 * complete), so a CI job never uploads half a report and a failed run leaves the old one in place.
 * Writing over an input is refused: the input may still be needed, and losing a dump to a typo in
 * `-o` is not a mistake to allow.
 */
import { UsageError } from '../errors.js';
import { AtomicFile } from '../output/atomic-file.js';
import { sanitize } from '../render/sanitize.js';
import { inputAtOutput } from '../output/same-file.js';

/** `flag`: the option that named `path`, for the message. */
export async function refuseInputAsPage(path: string, inputs: readonly string[], flag: string, cwd: string): Promise<void> {
  const clash = await inputAtOutput(path, inputs, cwd);
  if (clash !== undefined) throw new UsageError(`refusing to write the page over an input: ${flag} ${sanitize(path)} is ${sanitize(clash)}`);
}

/** `path` as the user named it, resolved against `cwd`. */
export async function writePage(path: string, html: string, cwd: string): Promise<void> {
  const sink = await AtomicFile.open(path, cwd);
  try {
    await sink.write(html);
    await sink.commit();
  } catch (err) {
    await sink.abort();
    throw err;
  }
}
