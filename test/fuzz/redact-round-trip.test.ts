/**
 * `redact` keeps what the analyses see: on every fixture and on generated dumps in every format, the
 * redacted copy gives the same `traces`, `latency` and `critical-path` results (--json), and with
 * --remap-ids the same results once ids are set aside. (Names are left as they are without
 * --hash-names, so they must come out equal too.)
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../hostile/support/commands.js';
import { scratchPath } from '../hostile/support/every-command.js';
import { seeds } from './support/corpus.js';
import { GEN_FORMATS, dumpArb, writeDump } from './support/generate.js';
import { RUNS } from './support/run-all.js';

const COMPARED = ['traces', 'latency', 'critical-path'];
let cases = 0;
afterAll(() => console.log(`fuzz redact round trip: ${cases} dumps redacted and compared`));

/** The --json results of the compared commands on stdin bytes or a path, with the input's name taken out. */
async function results(input: Buffer | string): Promise<string[]> {
  const out: string[] = [];
  for (const command of COMPARED) {
    const r = typeof input === 'string' ? await runInProcess([command, input, '--json']) : await runInProcess([command, '--json'], { stdin: input });
    const stdout = withoutUtf8Warning(r.stdout);
    out.push(`${r.exitCode} ${(typeof input === 'string' ? stdout.split(input).join('<in>') : stdout.split('stdin').join('<in>'))}`);
  }
  return out;
}

/**
 * The JSON result without an `invalid-utf8` warning: redaction writes valid UTF-8 (bytes that were
 * not are U+FFFD by then), so that warning going away is the one difference expected.
 */
function withoutUtf8Warning(stdout: string): string {
  let json: { warnings?: { code: string }[]; warningCounts?: { code: string }[] };
  try {
    json = JSON.parse(stdout) as typeof json;
  } catch {
    return stdout;
  }
  if (!Array.isArray(json.warnings) || !Array.isArray(json.warningCounts)) return stdout;
  const other = (w: { code: string }): boolean => w.code !== 'invalid-utf8';
  return JSON.stringify({ ...json, warnings: json.warnings.filter(other), warningCounts: json.warningCounts.filter(other) }, null, 2);
}

async function redacted(input: Buffer, ...flags: string[]): Promise<Buffer | undefined> {
  const out = scratchPath('redacted');
  const r = await runInProcess(['redact', '-o', out, '-q', ...flags], { stdin: input });
  return r.exitCode === 0 ? readFileSync(out) : undefined;
}

/** A result with ids set aside, as sorted lines (new ids can reorder traces that start together). */
const withoutIds = (s: string): string =>
  s
    .replace(/"(traceId|spanId|parentId)": "[^"]*"/g, '"$1": "-"')
    .replace(/\b[0-9a-fg-v]{16,32}\b/g, '<id>')
    .split('\n')
    // Warning messages quote ids; their codes and counts are compared.
    .filter((line) => !line.includes('"message":'))
    .map((line) => line.replace(/,$/, ''))
    .sort()
    .join('\n');

describe('redact round trip', () => {
  it('every fixture that is a dump: the same results after redaction', async () => {
    const problems: string[] = [];
    for (const seed of seeds()) {
      const out = await redacted(seed.bytes);
      if (out === undefined) continue;
      cases++;
      const [before, after] = [await results(seed.bytes), await results(out)];
      if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(seed.name);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('property: a generated dump in any format gives the same results after redaction (and after --remap-ids, ids aside)', async () => {
    await fc.assert(
      fc.asyncProperty(dumpArb, fc.constantFrom(...GEN_FORMATS), fc.boolean(), async (spans, format, remap) => {
        cases++;
        const bytes = writeDump(spans, format);
        const out = await redacted(bytes, ...(remap ? ['--remap-ids'] : []));
        expect(out).toBeDefined();
        const [before, after] = [await results(bytes), await results(out!)];
        if (remap) expect(after.map(withoutIds)).toEqual(before.map(withoutIds));
        else expect(after).toEqual(before);
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 4)) },
    );
  }, 600_000);
});
