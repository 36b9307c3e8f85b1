import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../src/output/atomic-file.js';
import { openOutput } from '../../src/output/output-sink.js';
import { inputAtOutput } from '../../src/output/same-file.js';

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-sink-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('AtomicFile', () => {
  it('shows nothing under the name until commit, then exactly what was written (across many flushes)', async () => {
    const path = join(tmp, 'big.json');
    const sink = await AtomicFile.open(path, '/');
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
    const sink = await AtomicFile.open(path, '/');
    await sink.write('partial');
    await sink.abort();
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the path as given when it cannot write: a missing directory, a directory as the target', async () => {
    await expect(AtomicFile.open(join(tmp, 'missing', 'x.json'), '/')).rejects.toThrow(`cannot write ${join(tmp, 'missing', 'x.json')}: no such directory`);
    await expect(AtomicFile.open('missing/x.json', tmp)).rejects.toThrow('cannot write missing/x.json: no such directory');
    await expect(AtomicFile.open('.', tmp)).rejects.toThrow('cannot write .: is a directory');
  });

  it('resolves a relative path against the directory it is given, not the process', async () => {
    const sink = await AtomicFile.open('relative.json', tmp);
    await sink.write(Buffer.from('bytes '));
    await sink.write('and text');
    await sink.commit();
    expect(readFileSync(join(tmp, 'relative.json'), 'utf8')).toBe('bytes and text');
    expect(sink.name).toBe('relative.json');
  });
});

describe('openOutput', () => {
  it('"-" passes every chunk on to standard output at once', async () => {
    const seen: string[] = [];
    const sink = await openOutput('-', tmp, (t) => seen.push(t));
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
    expect(await inputAtOutput(input, ['other.json', input], '/')).toBe(input);
    expect(await inputAtOutput(join(tmp, 'x', '..', 'in.json'), [input], '/')).toBe(input);
    expect(await inputAtOutput(join(tmp, 'in-link.json'), [input], '/')).toBe(input);
    expect(await inputAtOutput(input, [join(tmp, 'in-link.json')], '/')).toBe(join(tmp, 'in-link.json'));
    // Relative paths from the run's directory, named as given.
    expect(await inputAtOutput('./in.json', ['in-link.json'], tmp)).toBe('in-link.json');
  });

  it('finds nothing for another file, a new file, or standard input and output', async () => {
    expect(await inputAtOutput(join(tmp, 'new.json'), [input], '/')).toBeUndefined();
    expect(await inputAtOutput('in.json', [input], '/')).toBeUndefined();
    expect(await inputAtOutput('-', ['-'], tmp)).toBeUndefined();
    expect(await inputAtOutput(input, ['-'], tmp)).toBeUndefined();
  });
});
