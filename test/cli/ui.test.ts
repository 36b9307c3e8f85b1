/** `tracectl ui` where it cannot run: refused before anything is read, exit 2, one line. */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const DUMP = fixture('errors/otlp-shop.json');

describe('tracectl ui refusals', () => {
  it('stdout not a terminal', async () => {
    expect(await runCli(['ui', DUMP])).toEqual({ stdout: '', stderr: 'tracectl: ui needs a terminal: stdout is not one (traces and waterfall print to pipes)\n', status: 2 });
  });

  it('the dump on stdin ("-" or no path): the keys come from there', async () => {
    for (const args of [['ui'], ['ui', '-'], ['ui', DUMP, '-']]) {
      expect(await runCli(args, { stdoutIsTTY: true, input: '{}' })).toEqual({
        stdout: '',
        stderr: 'tracectl: ui reads keys from stdin, so the dump cannot come from there: give its path\n',
        status: 2,
      });
    }
  });

  it('stdin not a terminal (no raw keys to read)', async () => {
    expect(await runCli(['ui', DUMP], { stdoutIsTTY: true })).toEqual({ stdout: '', stderr: 'tracectl: ui reads keys from stdin, and stdin is not interactive (not a terminal)\n', status: 2 });
  });

  it('--json', async () => {
    const r = await runCli(['ui', DUMP, '--json'], { stdoutIsTTY: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tracectl: ui draws on the terminal: --json has no meaning here (tracectl traces --json lists the traces)\n');
  });
});
