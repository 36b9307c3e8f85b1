/**
 * The page's template: one HTML file with the browser code and styles inline, built by
 * `npm run build` (report-page/build.mjs) from report-page/ into dist/report-page/. The same path
 * resolves from the compiled module (dist/report/) and from its source (src/report/, under the
 * tests), since both sit two levels below the package root.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TracectlError } from '../errors.js';
import { encodeDocument } from './embed-data.js';
import { escapeHtml } from './html-text.js';
import type { PageDocument } from './report-data.js';

const TEMPLATE = new URL('../../dist/report-page/template.html', import.meta.url);
const MARKER = /<!--tracectl:(title|data)-->/g;

/** Read once per process: the template does not change while tracectl runs. */
let template: Promise<string> | undefined;

export function readTemplate(): Promise<string> {
  template ??= readFile(TEMPLATE, 'utf8').catch((err: unknown) => {
    template = undefined;
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') throw new TracectlError('the report page template is missing from this installation (it is made by `npm run build`)', 3);
    throw new TracectlError(`cannot read the report page template of this installation (${fileURLToPath(TEMPLATE)}): ${code === 'EACCES' ? 'permission denied' : String(err)}`, 3);
  });
  return template;
}

/** The page: the template with the title and the encoded document in place. */
export function fillTemplate(template: string, doc: PageDocument): string {
  const values: Record<string, string> = { title: escapeHtml(doc.title), data: encodeDocument(doc) };
  const parts = template.split(MARKER);
  // split with a capture group: text, name, text, name, ..., text.
  if (parts.length !== 5) throw new Error('report template: expected one title and one data marker');
  return parts.map((part, i) => (i % 2 === 1 ? values[part]! : part)).join('');
}
