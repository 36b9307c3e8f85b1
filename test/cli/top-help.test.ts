/**
 * `tracectl --help` is printed from the page the build wrote (dist/cli/top-help.json) without
 * loading commander: it must be exactly what commander prints, at every width.
 */
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { AFTER_HELP, buildProgram } from '../../src/cli/program.js';
import { formatTopHelp } from '../../src/cli/top-help.js';
import { topHelpOf } from '../../src/cli/top-help-of.js';
import { ROOT, runBin, runCli } from '../helpers/cli.js';

function ioAt(columns: number | undefined, stdoutIsTTY: boolean, out: string[]): Io {
  return {
    stdin: Readable.from([]),
    env: {},
    cwd: ROOT,
    stdoutIsTTY,
    stderrIsTTY: false,
    columns,
    out: (t) => void out.push(t),
    err: (t) => void out.push(t),
    signals: new EventEmitter(),
    setExitCode: () => undefined,
  };
}

/** What commander itself prints for `--help` on a terminal of `columns`. */
function commanderHelp(columns: number): string {
  const out: string[] = [];
  buildProgram(ioAt(columns, true, out)).outputHelp();
  return out.join('');
}

const page = topHelpOf(buildProgram(ioAt(undefined, false, [])), AFTER_HELP);

describe('the top-level help without commander', () => {
  it.each([20, 39, 40, 41, 50, 60, 64, 78, 79, 80, 81, 100, 120, 200, 1000])('at %i columns it is what commander prints', (columns) => {
    expect(formatTopHelp(page, columns)).toBe(commanderHelp(columns));
  });

  it('lists every command and both options', () => {
    const text = formatTopHelp(page, 80);
    expect(text.startsWith('Usage: tracectl [options] [command]\n\n')).toBe(true);
    for (const name of ['traces', 'errors', 'latency', 'why', 'waterfall', 'span', 'critical-path', 'stats', 'check', 'diff', 'record', 'convert', 'deps', 'report', 'redact', 'sample', 'help [command]']) {
      expect(text).toMatch(new RegExp(`^  ${name.replace(/[[\]]/g, '\\$&')} `, 'm'));
    }
    expect(text).toMatch(/^ {2}-V, --version +output the version number$/m);
  });

  it('fits 80 columns, the text after the commands included (measured with string-width)', () => {
    for (const line of formatTopHelp(page, 80).split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('the page the build wrote is the program as it is now (npm test builds first)', () => {
    const built = JSON.parse(readFileSync(new URL('../../dist/cli/top-help.json', import.meta.url), 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(JSON.stringify(page)));
  });

  it.each([['--help'], ['-h'], ['help']])('the binary prints it for %s, piped at 80 columns, exit 0', async (flag) => {
    const bin = await runBin([flag]);
    expect(bin).toMatchObject({ status: 0, stderr: '' });
    expect(bin.stdout).toBe(commanderHelp(80));
    // In-process, from the sources, there is no built page: commander prints it, the same.
    expect((await runCli([flag])).stdout).toBe(bin.stdout);
  });

  it('on a terminal it wraps at the terminal width (commander path, from the sources)', async () => {
    const wide = await runCli(['--help'], { stdoutIsTTY: true, columns: 120 });
    expect(wide.stdout).toBe(formatTopHelp(page, 120));
    const piped = await runCli(['--help'], { stdoutIsTTY: false, columns: 120 });
    expect(piped.stdout).toBe(formatTopHelp(page, 80));
  });
});
