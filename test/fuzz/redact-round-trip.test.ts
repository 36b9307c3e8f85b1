/**
 * `redact` keeps what the analyses see: on every fixture and on generated dumps in every format, the
 * redacted copy gives the same `traces`, `latency` and `critical-path` results (--json), and with
 * --remap-ids the same results once ids are set aside. (Names are left as they are without
 * --hash-names, so they must come out equal too.)
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchPath } from '../hostile/support/every-command.js';
import { seeds } from './support/corpus.js';
import { GEN_FORMATS, dumpArb, writeDump } from './support/generate.js';
import { RUNS } from './support/run-all.js';

const COMPARED = ['traces', 'latency', 'critical-path'];
/** Generated dumps: a quarter of the other properties' cases (each is redacted and read six times). */
const GENERATED = Math.max(3, Math.floor(RUNS / 4));
let cases = 0;
afterAll(() => console.log(`fuzz redact round trip: ${cases} dumps redacted and compared`));

/** The --json results of the compared commands on stdin bytes or a path, with the input's name taken out. */
async function results(input: Buffer | string): Promise<string[]> {
  const out: string[] = [];
  for (const command of COMPARED) {
    const r = typeof input === 'string' ? await runCli([command, input, '--json']) : await runCli([command, '--json'], { input });
    const stdout = withoutUtf8Warning(r.stdout);
    out.push(`${r.status} ${(typeof input === 'string' ? stdout.split(input).join('<in>') : stdout.split('stdin').join('<in>'))}`);
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

/** The redacted copy, or the exit code and message when redact refused the input. */
async function redact(input: Buffer, ...flags: string[]): Promise<{ out: Buffer } | { status: number; stderr: string }> {
  const out = scratchPath('redacted');
  const r = await runCli(['redact', '-o', out, '-q', ...flags], { input });
  return r.status === 0 ? { out: readFileSync(out) } : { status: r.status, stderr: r.stderr };
}

async function redacted(input: Buffer, ...flags: string[]): Promise<Buffer> {
  const r = await redact(input, ...flags);
  if (!('out' in r)) throw new Error(`redact exited ${r.status}: ${r.stderr}`);
  return r.out;
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
  it('every fixture: a dump gives the same results after redaction; anything else is refused by both', async () => {
    const problems: string[] = [];
    let dumps = 0;
    let refused = 0;
    for (const seed of seeds()) {
      // A dump is what `traces --strict` reads (redact copies a dump whole, so a cut one is refused
      // as --strict refuses it); redact must take exactly those, and refuse the rest as traces does.
      const read = await runCli(['traces', '-q', '--strict'], { input: seed.bytes });
      const r = await redact(seed.bytes);
      if (read.status !== 0) {
        refused++;
        if ('out' in r) problems.push(`${seed.name}: traces exits ${read.status} (${read.stderr.trim()}) but redact wrote a copy`);
        else if (r.status !== 2) problems.push(`${seed.name}: redact exited ${r.status}: ${r.stderr.trim()}`);
        continue;
      }
      if (!('out' in r)) {
        problems.push(`${seed.name}: traces reads it but redact exited ${r.status}: ${r.stderr.trim()}`);
        continue;
      }
      dumps++;
      cases++;
      const [before, after] = [await results(seed.bytes), await results(r.out)];
      if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(`${seed.name}: results differ after redaction`);
    }
    expect(problems).toEqual([]);
    expect(dumps + refused).toBe(seeds().length);
    // The fixtures hold dumps of every format and a few inputs that are not dumps (fixtures/bad/, a PNG).
    expect(dumps).toBeGreaterThan(refused);
    expect(refused).toBeGreaterThan(0);
  });

  it('property: a generated dump in any format gives the same results after redaction (and after --remap-ids, ids aside)', async () => {
    const before = cases;
    await fc.assert(
      fc.asyncProperty(dumpArb, fc.constantFrom(...GEN_FORMATS), fc.boolean(), async (spans, format, remap) => {
        cases++;
        const bytes = writeDump(spans, format);
        const out = await redacted(bytes, ...(remap ? ['--remap-ids'] : []));
        const [before, after] = [await results(bytes), await results(out)];
        if (remap) expect(after.map(withoutIds)).toEqual(before.map(withoutIds));
        else expect(after).toEqual(before);
      }),
      { numRuns: GENERATED },
    );
    expect(cases - before).toBe(GENERATED);
  });
});
