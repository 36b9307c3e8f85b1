/**
 * Record guessing (record-guess.ts) must never change what a read gives: every trace, span, warning
 * and summary, or the error message, is the same with it as without it, however the input is cut
 * into chunks and blocks, and whatever odd thing sits where a guess lands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generate } from '../../bench/generate.js';
import { GUESS_RULES, nextCut } from '../../src/input/record-guess.js';
import type { TraceWarning } from '../../src/model/warnings.js';
import { readCounts } from '../helpers/read-counts.js';
import { expectSameGuessing as expectSame, guessRead as read } from '../helpers/guess-reads.js';

const JAEGER = fileURLToPath(new URL('../../fixtures/jaeger/', import.meta.url));
const ZIPKIN = fileURLToPath(new URL('../../fixtures/zipkin/', import.meta.url));
const [JAEGER_RULE, ZIPKIN_RULE] = GUESS_RULES as [(typeof GUESS_RULES)[0], (typeof GUESS_RULES)[0]];

async function generated(bytes: number, seed: number, format = 'jaeger'): Promise<string> {
  let out = '';
  await generate({ format, bytes, seed, write: (t: string) => void (out += t) });
  return out;
}

/** The text with `insert` put between two traces after offset `after` (where a guess would cut). */
function betweenTraces(text: string, after: number, insert: string): string {
  const re = /\},\{"traceID":"[0-9a-f]+","spans":\[/g;
  re.lastIndex = after;
  const m = re.exec(text);
  if (m === null) throw new Error('no trace boundary after that offset');
  return `${text.slice(0, m.index + 1)}${insert}${text.slice(m.index + 1)}`;
}

describe('record guessing: where it cuts', () => {
  it('cuts only before a trace that starts with its id and then its spans', () => {
    const text = Buffer.from('{"data":[{"traceID":"a","spans":[{"traceID":"a","spanID":"1"},{"traceID":"a","spanID":"2"}]},{"traceID":"b","spans":[]}]}');
    const cut = nextCut(JAEGER_RULE, text);
    expect(text.subarray(cut, cut + 16).toString()).toBe('},{"traceID":"b"');
    expect(nextCut(JAEGER_RULE, text, cut + 1)).toBe(-1);
  });

  it('never cuts at the same text written inside a string (its quotes are escaped there)', () => {
    expect(nextCut(JAEGER_RULE, Buffer.from('{"k":"},{\\"traceID\\":\\"b\\",\\"spans\\":["}'))).toBe(-1);
    expect(nextCut(ZIPKIN_RULE, Buffer.from('[{"k":"},{\\"traceId\\":\\"b\\""}]'))).toBe(-1);
  });
});

describe('record guessing reads what the framer reads', () => {
  it('a generated dump of 300 KB, and guesses on it', async () => {
    const text = await generated(300_000, 7);
    const before = readCounts.guessed;
    const exact = await expectSame(text);
    expect(exact.traces.length).toBe(13);
    // Each of the four guessing reads guesses most traces: not the first (the framer reads it) nor
    // the last (handed back when the input ends), nor those before a cut that straddles chunks.
    expect(readCounts.guessed - before).toBeGreaterThan(4 * 5);
  });

  it('a trace longer than a guess may wait for goes back to the framer, and guessing stops', async () => {
    // Traces of the generated dump end at 44,920, 48,536, 122,328 (a 74 KB one), 125,541, ...: a
    // span after 130,000 gets a 150 KB warning, longer than the 100 KB a guess may wait for here.
    const plain = await generated(300_000, 7);
    const at = plain.indexOf('"warnings":null', 130_000);
    const text = `${plain.slice(0, at)}"warnings":["${'w'.repeat(150_000)}"]${plain.slice(at + '"warnings":null'.length)}`;
    const exact = await read(text, false, 1 << 16);
    let before = readCounts.guessed;
    expect(await read(text, true, 1 << 12, 512, 100 << 10)).toEqual(exact);
    const limited = readCounts.guessed - before;
    before = readCounts.guessed;
    expect(await read(text, true, 1 << 12, 512)).toEqual(exact);
    const unlimited = readCounts.guessed - before;
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(unlimited);
  });

  it.each(readdirSync(JAEGER).filter((f) => f.endsWith('.json')))('the fixture %s, minified', async (name) => {
    const raw = readFileSync(JAEGER + name, 'utf8');
    await expectSame(JSON.stringify(JSON.parse(raw)));
    await expectSame(raw);
  });

  it('a trace holding an object that looks like the next trace (a guess that does not parse)', async () => {
    const text = await generated(300_000, 3);
    // A span's warnings (inside a trace the framer does not read first) hold the decoy.
    const at = text.indexOf('"warnings":null', 150_000);
    const decoy = `${text.slice(0, at)}"warnings":[{"a":1},{"traceID":"ab","spans":[]}]${text.slice(at + '"warnings":null'.length)}`;
    const stopped = readCounts.guessStops;
    await expectSame(decoy);
    expect(readCounts.guessStops).toBeGreaterThan(stopped);
  });

  // The generated dump of seed 7 has traces ending at 44,920, 48,536, 122,328, 125,541, 126,205 and
  // later: what is put after 130,000 lands in a trace that every chunking above reads by guessing.
  it('malformed JSON inside a guessed trace: the same message, line and column', async () => {
    const text = (await generated(300_000, 7)).replace(/"processID":"p2"/g, (m, at: number) => (at > 130_000 ? '"processID" "p2"' : m));
    const stopped = readCounts.guessStops;
    const exact = await expectSame(text);
    expect(exact.outcome).toMatch(/^stdin: malformed JSON at line 1, column \d+: ./);
    expect(readCounts.guessStops).toBeGreaterThan(stopped);
  });

  it('newlines inside traces count for the lines of later errors', async () => {
    const text = (await generated(300_000, 7)).replace(/"processes":/g, '"processes":\n').replace(/"duration":(\d+)/g, (m, d: string, at: number) => (at > 130_000 ? `"duration":${d}x` : m));
    const stopped = readCounts.guessStops;
    const exact = await expectSame(text);
    expect(exact.outcome).toMatch(/^stdin: malformed JSON at line (?!1,)\d+, column \d+: /);
    expect(readCounts.guessStops).toBeGreaterThan(stopped);
  });

  it('a cut-off dump, a value that is no trace among the traces, and keys after the list', async () => {
    const text = await generated(300_000, 7);
    // Cut inside a trace: the traces before it are read, and the cut is a warning.
    const cut = await expectSame(text.slice(0, 200_000));
    expect(cut.traces.length).toBeGreaterThan(0);
    expect((cut.warnings as TraceWarning[]).filter((w) => w.code === 'truncated-input').map((w) => w.message)).toEqual([expect.stringMatching(/^stdin: the input ends inside a record at byte 200000; /)]);
    await expectSame(betweenTraces(text, 130_000, ',42'));
    await expectSame(betweenTraces(text, 130_000, ' '));
    await expectSame(`${text.trimEnd().slice(0, -1)},"total":0,"errors":null}\n${text}`);
  });

  it('invalid UTF-8 and multi-byte characters inside traces', async () => {
    const text = (await generated(300_000, 7)).replace(/"operationName":"([^"]*)"/g, '"operationName":"$1 – ü"');
    await expectSame(text);
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('ü', 150_000);
    bytes[at] = 0xff;
    await expectSame(bytes);
  });
});

describe('record guessing reads Zipkin spans as the framer does', () => {
  it('a generated dump of 300 KB, read by the fast reader', async () => {
    const text = await generated(300_000, 9, 'zipkin');
    const before = readCounts.guessed;
    const exact = await expectSame(text);
    expect(exact.traces.length).toBeGreaterThan(5);
    // Three of the four guessing reads guess most of the 650 spans (chunks of 7 bytes never hold a cut).
    expect(readCounts.guessed - before).toBeGreaterThan(3 * 500);
  });

  it.each(readdirSync(ZIPKIN).filter((f) => f.endsWith('.json')))('the fixture %s, minified', async (name) => {
    const raw = readFileSync(ZIPKIN + name, 'utf8');
    await expectSame(JSON.stringify(JSON.parse(raw)));
  });

  it('odd spans among guessed ones go the ordinary way; a boundary written otherwise ends the guess', async () => {
    const text = await generated(300_000, 9, 'zipkin');
    const upper = text.replace(/"id":"([0-9a-f]{16})"/g, (m, id: string, at: number) => (at > 150_000 && at < 160_000 ? `"id":"${id.toUpperCase()}"` : m));
    expect(upper).not.toBe(text);
    const slow = readCounts.slow;
    await expectSame(upper);
    expect(readCounts.slow).toBeGreaterThan(slow);
    const at = text.indexOf('},{"traceId":', 150_000);
    const stopped = readCounts.guessStops;
    await expectSame(`${text.slice(0, at + 2)} ${text.slice(at + 2)}`);
    expect(readCounts.guessStops).toBeGreaterThan(stopped);
  });

  it('malformed JSON in a guessed span: the same message, line and column', async () => {
    const text = (await generated(300_000, 9, 'zipkin')).replace(/"duration":(\d+)/g, (m, d: string, at: number) => (at > 150_000 ? `"duration":-${d}-` : m));
    const stopped = readCounts.guessStops;
    const exact = await expectSame(text);
    expect(exact.outcome).toMatch(/^stdin: malformed JSON at line 1, column \d+: ./);
    expect(readCounts.guessStops).toBeGreaterThan(stopped);
  });
});
