#!/usr/bin/env node
/**
 * Builds the report page's template: bundles report-page/src/main.ts with esbuild into one script,
 * and writes template.html with that script and styles.css inline to dist/report-page/. A Content
 * Security Policy in the page allows exactly that script and that stylesheet (by their SHA-256) and
 * no request of any kind, so even markup that slipped into the page could neither run nor load
 * anything. The data markers (<!--tracectl:title-->, <!--tracectl:data-->) are filled per report by
 * src/report/page-template.ts.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const result = await build({
  entryPoints: [here('./src/main.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  target: ['chrome109', 'firefox115', 'safari16'],
  logLevel: 'warning',
});
const script = result.outputFiles[0].text.trimEnd();
const style = (await readFile(here('./src/styles.css'), 'utf8')).trim();
for (const [name, text] of [['script', script], ['styles', style]]) {
  // Inline text must not close its element or open a comment the HTML parser would honour.
  if (/<\/(script|style)|<!--/i.test(text)) throw new Error(`report page: the ${name} contains text that would end its element`);
}
const hash = (text) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
const template = (await readFile(here('./template.html'), 'utf8'))
  .replace('{{script-hash}}', hash(script))
  .replace('{{style-hash}}', hash(style))
  .replace('{{style}}', () => style)
  .replace('{{script}}', () => script);
await mkdir(here('../dist/report-page/'), { recursive: true });
await writeFile(here('../dist/report-page/template.html'), template);
