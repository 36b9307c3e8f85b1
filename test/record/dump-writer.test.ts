/**
 * The dump writer keeps arrival order whatever order bodies finish in, writes nowhere visible
 * until the end, and leaves an existing dump untouched when a run is given up.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DumpWriter } from '../../src/record/dump-writer.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-dump-writer-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const line = (text: string): Buffer => Buffer.from(text);

describe('DumpWriter', () => {
  it('writes lines in slot order although they are filled out of order; empty slots write nothing', async () => {
    //  slot:     0      1      2      3
    //  filled:   3rd    1st    4th    2nd (empty)
    //  file:     a, b, c
    const target = join(dir, 'order.jsonl');
    const writer = await DumpWriter.toFile(target, '/');
    const slots = [writer.reserve(), writer.reserve(), writer.reserve(), writer.reserve()];
    slots[1]?.fill(line('{"b":1}'));
    slots[3]?.fill(undefined);
    expect(writer.pending).toBe(4);
    slots[0]?.fill(line('{"a":1}'));
    expect(writer.pending).toBe(2);
    slots[2]?.fill(line('{"c":1}'));
    slots[2]?.fill(line('{"twice":1}')); // a second fill is ignored
    expect(await writer.finish()).toEqual({ lines: 3, bytes: 24 });
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n{"b":1}\n{"c":1}\n');
  });

  it('writes to a temporary file beside the target and renames it at the end', async () => {
    const target = join(dir, 'atomic.jsonl');
    writeFileSync(target, 'previous dump\n');
    const writer = await DumpWriter.toFile(target, '/');
    writer.reserve().fill(line('{"x":1}'));
    const temp = writer.tempPath ?? '';
    expect(temp.startsWith(join(dir, '.atomic.jsonl.'))).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('previous dump\n');
    await writer.finish();
    expect(readFileSync(target, 'utf8')).toBe('{"x":1}\n');
    expect(existsSync(temp)).toBe(false);
  });

  it('discard() removes the temporary file and keeps the old dump', async () => {
    const target = join(dir, 'kept.jsonl');
    writeFileSync(target, 'old\n');
    const writer = await DumpWriter.toFile(target, '/');
    writer.reserve().fill(line('{"x":1}'));
    await writer.discard();
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.kept'))).toEqual([]);
  });

  it('refuses to finish while a slot is open', async () => {
    const writer = await DumpWriter.toFile(join(dir, 'open.jsonl'), '/');
    writer.reserve();
    await expect(writer.finish()).rejects.toThrow('1 requests are still being read');
    await writer.discard();
  });

  it('a directory as the target fails before anything is written', async () => {
    await expect(DumpWriter.toFile(dir, '/')).rejects.toThrow(`cannot write ${dir}: is a directory`);
  });

  it('a stream gets lines as soon as they are in order', async () => {
    const got: string[] = [];
    const writer = DumpWriter.toStream(async (chunk) => void got.push(chunk.toString()));
    const [a, b] = [writer.reserve(), writer.reserve()];
    b.fill(line('2'));
    a.fill(line('1'));
    await writer.finish();
    expect(got.join('')).toBe('1\n2\n');
  });
});
