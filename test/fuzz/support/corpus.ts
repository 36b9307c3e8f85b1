/**
 * The inputs the fuzz suite starts from: every file under fixtures/ (whatever other engineers add
 * there is picked up), as bytes, with its JSON documents parsed where it has any (a JSON file, or
 * one per line of a JSON-lines file) so structural mutations can work on values, not bytes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export interface Seed {
  /** Path relative to fixtures/. */
  readonly name: string;
  /** The bytes as stored (gzip stays gzip). */
  readonly bytes: Buffer;
  /** The plain text (gunzipped), for byte and text mutations. */
  readonly text: Buffer;
  /** Parsed JSON documents (one for a JSON file, one per line for JSON lines); empty when it does not parse. */
  readonly docs: readonly unknown[];
  /** Whether the documents were one per line. */
  readonly lines: boolean;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

function parseDocs(text: string): { docs: unknown[]; lines: boolean } {
  try {
    return { docs: [JSON.parse(text)], lines: false };
  } catch {
    const docs: unknown[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        docs.push(JSON.parse(line));
      } catch {
        return { docs: [], lines: false };
      }
    }
    return { docs, lines: docs.length > 0 };
  }
}

let cache: Seed[] | undefined;

/** Every fixture file (sorted by path); big ones (over 256 KiB) are left out to keep cases fast. */
export function seeds(): Seed[] {
  if (cache !== undefined) return cache;
  cache = walk(FIXTURES)
    .filter((path) => statSync(path).size <= 256 * 1024)
    .map((path) => {
      const bytes = readFileSync(path);
      const gz = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
      const text = gz ? gunzipSync(bytes) : bytes;
      const { docs, lines } = parseDocs(text.toString('utf8'));
      return { name: relative(FIXTURES, path), bytes, text, docs, lines };
    });
  return cache;
}

/** Fixtures with at least one parsed document: the starting points of structural mutations. */
export function jsonSeeds(): Seed[] {
  return seeds().filter((s) => s.docs.length > 0);
}

/** Serializes documents back the way the seed held them (pretty JSON, or one compact line each). */
export function serialize(seed: Pick<Seed, 'lines'>, docs: readonly unknown[]): Buffer {
  if (seed.lines || docs.length > 1) return Buffer.from(docs.map((d) => JSON.stringify(d) ?? 'null').join('\n') + '\n');
  return Buffer.from(JSON.stringify(docs[0], null, 2) ?? 'null');
}
