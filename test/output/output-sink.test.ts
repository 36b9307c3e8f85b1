import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileSink, stdoutSink } from '../../src/output/output-sink.js';
import { inputAtOutput } from '../../src/output/same-file.js';

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-sink-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('openFileSink', () => {
  it('shows nothing under the name until commit, then exactly what was written (across many flushes)', async () => {
    const path = join(tmp, 'big.json');
    const sink = await openFileSink(path);
    const line = `${'x'.repeat(999)}\n`;
    for (let i = 0; i < 3000; i++) await sink.write(line); // ~3 MB: several 1 MiB flushes
    expect(readdirSync(tmp).filter((f) => f === 'big.json')).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.big.json.tracectl-') && f.endsWith('.tmp'))).toHaveLength(1);
    await sink.commit();
    expect(readFileSync(path, 'utf8')).toBe(line.repeat(3000));
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('on abort keeps what was there and removes the temporary file', async () => {
    const path = join(tmp, 'kept.json');
    writeFileSync(path, 'previous');
    const sink = await openFileSink(path);
    await sink.write('partial');
    await sink.abort();
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the path when it cannot write', async () => {
    await expect(openFileSink(join(tmp, 'missing', 'x.json'))).rejects.toThrow(`cannot write ${join(tmp, 'missing', 'x.json')}: no such directory`);
  });
});

describe('stdoutSink', () => {
  it('passes every chunk on at once', async () => {
    const seen: string[] = [];
    const sink = stdoutSink((t) => seen.push(t));
    await sink.write('a');
    await sink.write('b');
    await sink.commit();
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('inputAtOutput', () => {
  const input = join(tmp, 'in.json');
  writeFileSync(input, '{}');
  symlinkSync(input, join(tmp, 'in-link.json'));

  it('finds the input an output path names, by path or by file', async () => {
    expect(await inputAtOutput(input, ['other.json', input])).toBe(input);
    expect(await inputAtOutput(join(tmp, 'x', '..', 'in.json'), [input])).toBe(input);
    expect(await inputAtOutput(join(tmp, 'in-link.json'), [input])).toBe(input);
    expect(await inputAtOutput(input, [join(tmp, 'in-link.json')])).toBe(join(tmp, 'in-link.json'));
  });

  it('finds nothing for another file, a new file, or standard input and output', async () => {
    expect(await inputAtOutput(join(tmp, 'new.json'), [input])).toBeUndefined();
    expect(await inputAtOutput('-', ['-'])).toBeUndefined();
    expect(await inputAtOutput(input, ['-'])).toBeUndefined();
  });
});
