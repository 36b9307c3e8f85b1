/**
 * What the commands that write an HTML page share (`report -o`, `diff --html`, `check --html`):
 * the facts a page states about where it came from (tracectl's version, the inputs as named with
 * their sizes on disk), and writing the page (refusing an input as the output, atomically).
 */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { STDIN_NAME } from '../input/open-input.js';
import type { InputSummary } from '../input/read-spans.js';
import { fillTemplate, readTemplate } from '../report/page-template.js';
import type { InputFacts, PageDocument, PageMeta } from '../report/report-data.js';
import { refuseInputAsPage, writePage } from './write-page.js';

function tracectlVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** Names as given, with their size on disk when they are files (standard input and URLs have none). */
async function inputFacts(paths: readonly string[], summaries: readonly InputSummary[], cwd: string): Promise<InputFacts[]> {
  const given = paths.length > 0 ? paths : [STDIN_NAME];
  return Promise.all(
    summaries.map(async (s, i) => {
      const path = given[i];
      const file = path !== undefined && path !== STDIN_NAME && !/^https?:\/\//i.test(path);
      const bytes = file ? await stat(resolve(cwd, path)).then((st) => st.size, () => null) : null;
      return { name: s.name, bytes, formats: s.formats, spans: s.spans };
    }),
  );
}

export async function pageMeta(title: string, paths: readonly string[], summaries: readonly InputSummary[], cwd: string): Promise<PageMeta> {
  return { tracectl: tracectlVersion(), title, inputs: await inputFacts(paths, summaries, cwd) };
}

/** "a.json, b.json" (file names only), for a default title. */
export function inputNames(inputs: readonly { readonly name: string }[]): string {
  const names = inputs.map((i) => i.name.split(/[\\/]/).pop() ?? i.name);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/**
 * A page to be written to `path` (named as the user gave it, like every output of tracectl):
 * checked before any input is read (an input named as the output, a missing template), written by
 * `write` once the document is ready.
 */
export async function preparePage(path: string, inputs: readonly string[], flag: string, cwd: string): Promise<{ write(doc: PageDocument): Promise<number> }> {
  await refuseInputAsPage(path, inputs, flag, cwd);
  const template = await readTemplate();
  return {
    async write(doc) {
      const html = fillTemplate(template, doc);
      await writePage(path, html, cwd);
      return Buffer.byteLength(html);
    },
  };
}
