/**
 * The layer rules (.dependency-cruiser.mjs; docs/internals/layers.md) are checked by
 * dependency-cruiser in `npm run lint`. Here the same rules run over a planted tree
 * (fixtures/architecture/planted/src) and must find exactly what was planted there: an import
 * spread over several lines, a dynamic import(), a format folder four levels deep importing the
 * command line, a cycle, a pure layer reading the file system, a folder the table does not name,
 * and (lint-process-global.mjs) a pure module reading the global `process`. A rule or a tool that
 * stops seeing one of them fails this test. Then the real src/: every folder placed, no violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (scripts/ has no build step)
import { processGlobalUses } from '../scripts/lint-process-global.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PLANTED = fileURLToPath(new URL('../fixtures/architecture/planted/', import.meta.url));

const config = await extractDepcruiseConfig(`${ROOT}.dependency-cruiser.mjs`);
const forbidden = (config.forbidden ?? []) as IForbiddenRuleType[];
/** The folders of the layer table: one `layer-<folder>` rule each. */
const layers = forbidden.map((r) => r.name ?? '').filter((n) => n.startsWith('layer-')).map((n) => n.slice('layer-'.length));

/** Each violation as "rule: from → to", found by the project's rules in `baseDir`/src. */
async function violations(baseDir: string): Promise<string[]> {
  const options: ICruiseOptions = { ...config.options, ruleSet: { forbidden }, validate: true, baseDir };
  const result = await cruise(['src'], options);
  if (typeof result.output === 'string') throw new Error('dependency-cruiser gave text, not a result');
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('architecture: the import rules catch what is planted', () => {
  it('finds exactly the planted violations', async () => {
    expect(await violations(PLANTED)).toEqual([
      'layer-analyses: src/analyses/dynamic.ts → src/input/read.ts', // await import('../input/read.js')
      'layer-formats: src/formats/x/y/z/deep.ts → src/cli/main.ts', // four folders down
      'layer-model: src/model/multi-line.ts → src/render/view.ts', // import { ... } over five lines
      'no-circular: src/query/a.ts → src/query/b.ts',
      'pure-no-node: src/render/disk.ts → fs',
      'unplaced-folder: src/misc/stray.ts → src/model/span.ts',
    ]);
  });

  it('finds the planted use of the global process, and not a local called process', () => {
    expect(processGlobalUses(PLANTED)).toEqual(['src/analyses/settings.ts:2:21']);
  });
});

describe('architecture: src/', () => {
  it('places every folder of src/ in the layer table; errors.ts is the only file at the top', () => {
    const entries = readdirSync(`${ROOT}src`, { withFileTypes: true });
    expect(entries.filter((e) => e.isDirectory() && !layers.includes(e.name)).map((e) => e.name)).toEqual([]);
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual(['errors.ts']);
    expect(layers).toEqual(expect.arrayContaining(['cli', 'render', 'report', 'ui', 'analyses', 'model', 'formats', 'input', 'backends']));
  });

  it('breaks no rule', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  it("the page's browser code takes only types from the Node side (and report-data's constants)", () => {
    const dir = fileURLToPath(new URL('../report-page/src/', import.meta.url));
    const found: string[] = [];
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        const m = /^import (type )?.*from '(\.\.\/\.\.\/[^']+)'/.exec(line);
        if (m !== null && m[1] === undefined && m[2] !== '../../src/report/report-data.js') found.push(`${name}: ${line}`);
      }
    }
    expect(found).toEqual([]);
  });
});
