/**
 * The dependency rules of DESIGN.md, checked by reading the sources: data flows
 * input → formats → model → analyses → render → cli, and the pure layers touch no terminal,
 * file system or process.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  const out: string[] = [];
  const stack = [join(SRC, dir)];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (p.endsWith('.ts')) out.push(p);
    }
  }
  return out.sort();
}

/** Files of `layer` whose imports match `forbidden`, with the offending import. */
function offenders(layer: string, forbidden: RegExp): string[] {
  const found: string[] = [];
  for (const file of files(layer)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(import|export)\b.*from\s+'/.test(line) && forbidden.test(line)) found.push(`${relative(SRC, file)}: ${line.trim()}`);
    }
  }
  return found;
}

const IO = /from '(chalk|ora|cli-table3|commander|node:fs|node:fs\/promises|node:child_process|node:net|node:http|node:https)'/;
const PROCESS = /\bprocess\.(env|stdout|stderr|stdin|exit|exitCode|argv|cwd)\b/;

describe('architecture', () => {
  it('model imports nothing above it, and no I/O', () => {
    expect(offenders('model', /from '\.\.\/(formats|input|analyses|render|cli|query)\//)).toEqual([]);
    expect(offenders('model', IO)).toEqual([]);
  });

  it('formats decode without I/O and without the layers above the model', () => {
    expect(offenders('formats', /from '\.\.\/\.\.\/(input|analyses|render|cli)\//)).toEqual([]);
    expect(offenders('formats', IO)).toEqual([]);
  });

  it('analyses and the query language are pure: no render, cli, input, terminal, fs or process', () => {
    for (const layer of ['analyses', 'query']) {
      expect(offenders(layer, /from '\.\.\/(render|cli|input)\//)).toEqual([]);
      expect(offenders(layer, IO)).toEqual([]);
      const usesProcess = files(layer).filter((f) => PROCESS.test(readFileSync(f, 'utf8')));
      expect(usesProcess.map((f) => relative(SRC, f))).toEqual([]);
    }
  });

  it('backends sit beside the input: they return analyses\' results and reach into no command, renderer or terminal', () => {
    expect(offenders('backends', /from '\.\.\/\.\.\/(cli|render|report|ui)\//)).toEqual([]);
    expect(offenders('backends', /from '(chalk|ora|cli-table3|commander|node:fs|node:fs\/promises|node:child_process)'/)).toEqual([]);
    const usesProcess = files('backends').filter((f) => PROCESS.test(readFileSync(f, 'utf8')));
    expect(usesProcess.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('renderers do not reach into the cli or the input', () => {
    expect(offenders('render', /from '\.\.\/(cli|input)\//)).toEqual([]);
  });
});
