/**
 * Reads the document the page carries: base64 text in a non-executed script element, gzip inside,
 * inflated with the browser's own DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 and
 * later), so the page needs no inflate code of its own and makes no request.
 */
import type { PageDocument } from '../../src/report/report-data.js';

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (fromBase64 !== undefined) return fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function readDocument(): Promise<PageDocument> {
  const holder = document.getElementById('tracectl-data');
  if (holder === null) throw new Error('the page holds no data');
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot decompress the data (it needs DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or later)');
  }
  const bytes = base64Bytes((holder.textContent ?? '').replace(/\s+/g, ''));
  // Reading the chunks and decoding once is several times faster than Response.text() here.
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const all = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return JSON.parse(new TextDecoder().decode(all)) as PageDocument;
}
