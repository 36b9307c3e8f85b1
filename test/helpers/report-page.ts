/**
 * Reads a report page the way the page itself does, without a browser: the base64 text of the
 * data element, gunzipped, parsed. Also splits the page into its parts, so tests can check that
 * nothing from a dump reached the markup.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { PageDocument } from '../../src/report/report-data.js';

const DATA = /<script id="tracectl-data" type="application\/octet-stream">\n([^<]*)\n<\/script>/;

export function pageData(html: string): string {
  const m = DATA.exec(html);
  if (m === null) throw new Error('no data element in the page');
  return m[1]!;
}

export function pageDocument<T extends PageDocument = PageDocument>(html: string): T {
  return JSON.parse(gunzipSync(Buffer.from(pageData(html), 'base64')).toString('utf8')) as T;
}

export function readPage<T extends PageDocument = PageDocument>(path: string): { html: string; doc: T } {
  const html = readFileSync(path, 'utf8');
  return { html, doc: pageDocument<T>(html) };
}

/** Drops what --json adds to every result (warnings), so a page's figures compare with a command's. */
export function withoutWarnings<T extends object>(json: T): Omit<T, 'warnings' | 'warningCounts'> {
  const { warnings: _w, warningCounts: _c, ...rest } = json as T & { warnings?: unknown; warningCounts?: unknown };
  return rest;
}
