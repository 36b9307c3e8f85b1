/**
 * Names from a dump are data, never markup: with a dump whose names and attributes are script and
 * HTML, the page's markup is exactly the template's (the data sits in base64, which has no `<`),
 * the names come back unchanged from the data, and the page's code never parses text as HTML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/html-text.js';
import type { ReportDocument } from '../../src/report/report-data.js';
import { fixture, runCli } from '../helpers/cli.js';
import { pageData, pageDocument } from '../helpers/report-page.js';

const HOSTILE = fixture('report/hostile-names.otlp.json');
const TEMPLATE = readFileSync(fixture('../dist/report-page/template.html'), 'utf8');

async function page(args: readonly string[]): Promise<string> {
  const r = await runCli(['report', HOSTILE, '-o', '-', '-q', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('a dump of script and markup', () => {
  it('leaves the markup exactly the template', async () => {
    const html = await page(['--title', 'plain']);
    const data = pageData(html);
    expect(data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(html.replace(data, '<!--tracectl:data-->').replace('<title>plain</title>', '<title><!--tracectl:title--></title>')).toBe(TEMPLATE);
    expect(html.match(/<script\b/gi)).toHaveLength(2);
  });

  it('carries every name unchanged in the data', async () => {
    const doc = pageDocument<ReportDocument>(await page([]));
    const t = doc.traces[0]!;
    expect(t.strings).toContain('</script><script>alert(1)</script>');
    expect(t.strings).toContain("<script>window.__pwned='child'</script>");
    expect(doc.summary.services).toEqual(["<img src=x onerror=\"window.__pwned='service'\">"]);
    expect(t.details[0]!.m).toBe("<b onmouseover=\"window.__pwned='message'\">failed</b>");
    const attrs = t.attributes[t.details[0]!.a!]!;
    expect(attrs['"><svg onload="window.__pwned=\'key\'">']).toBe("javascript:window.__pwned='value'");
    expect(attrs.separators).toBe('line\u2028separator\u2029paragraph');
    expect(t.details[0]!.e![0]!.n).toBe("</style><script>window.__pwned='event'</script>");
  });

  it('escapes the title where the head shows it', async () => {
    const html = await page(['--title', '</title><script>alert("t")</script> & \'q\'']);
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;q&#39;</title>');
    expect(pageDocument(html).title).toBe('</title><script>alert("t")</script> & \'q\'');
  });

  it('escapeHtml leaves nothing HTML reads as markup', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe("the page's code", () => {
  const dir = fixture('../report-page/src');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));

  it('never parses text as HTML or code', () => {
    const parsing = /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|createContextualFragment|DOMParser|srcdoc/;
    expect(sources.filter((s) => parsing.test(s.text)).map((s) => s.f)).toEqual([]);
  });

  it('never makes a request', () => {
    const requests = /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|\bimport\(|new Worker|new Image\(|\.src\s*=|location\.(href|assign|replace)\s*[=(]|window\.open/;
    expect(sources.filter((s) => requests.test(s.text)).map((s) => s.f)).toEqual([]);
  });

  it('sets attributes only through the one helper that refuses event handlers', () => {
    const raw = /setAttribute\(\s*['"]on|\.on[a-z]+\s*=/;
    expect(sources.filter((s) => raw.test(s.text)).map((s) => s.f)).toEqual([]);
  });
});
