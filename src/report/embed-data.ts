/**
 * The page's data as it sits in the HTML: JSON, gzip-compressed, in base64. Compression keeps a
 * report of 100,000 spans a few megabytes (span data repeats a lot), and base64's alphabet has no
 * `<`, `&` or quote, so no string of a dump can end the script element that holds it or be read as
 * markup, whatever it contains. The page inflates it with the browser's DecompressionStream.
 * gzip at a fixed level with no file name or time in its header: the same document gives the same
 * bytes.
 */
import { gzipSync } from 'node:zlib';
import type { PageDocument } from './report-data.js';

export function encodeDocument(doc: PageDocument): string {
  return gzipSync(Buffer.from(JSON.stringify(doc), 'utf8'), { level: 6 }).toString('base64');
}
