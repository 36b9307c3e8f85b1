/**
 * Characters a terminal draws two cells wide (CJK ideographs, U+17000 Tangut, emoji) in names,
 * services and attributes: every command keeps every line within --width, as the terminal counts
 * cells (measured here with string-width, not with tracectl's own measure).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames } from './support/commands.js';
import { failuresOf, problemsOf, runEveryCommand } from './support/every-command.js';
import { tempDir } from './support/files.js';

const dir = tempDir('wide');
const T = 1_700_000_000_000_000;

describe('wide characters', () => {
  it('names, services and attributes of two-cell characters: every command, every mode, within --width', async () => {
    const path = join(dir, 'wide.zipkin.json');
    writeFileSync(
      path,
      JSON.stringify([
        { traceId: '00000000000000a1', id: '0000000000000001', name: `${'\u{17000}'.repeat(30)}${'x'.repeat(30)}`, timestamp: T, duration: 1000, localEndpoint: { serviceName: '\u{17000}svc'.repeat(10) }, tags: { note: '日本語のメッセージ🙂'.repeat(8) } },
        { traceId: '00000000000000a1', id: '0000000000000002', parentId: '0000000000000001', name: 'child \u{17000}', timestamp: T + 10, duration: 500, localEndpoint: { serviceName: 'b' }, tags: { error: '失敗しました'.repeat(10) } },
      ]),
    );
    let runs = 0;
    for (const width of [60, 80, 120]) {
      const every = await runEveryCommand({ paths: [path], width });
      runs += every.length;
      expect(problemsOf(every), `--width ${width}`).toEqual([]);
      expect(failuresOf(every), `--width ${width}`).toEqual([]);
    }
    expect(runs).toBe(3 * 3 * commandNames().length);
  });
});
