/**
 * Runs a shell command inside a real terminal: a detached tmux session of a chosen size, on a
 * server of its own (its own socket), so what the command sees as "the terminal" is a real pty.
 * Output is captured by the command itself (redirections into files), not by reading the screen,
 * so lines are exactly what the program wrote.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TerminalRun {
  /** The shell's exit status of the command line. */
  readonly status: number;
  /** Files the command wrote in its directory (`$OUT`), by name. */
  file(name: string): string;
}

let sessions = 0;

/**
 * `command` runs under `sh` in a `width`×40 terminal with its working directory `cwd`; `$OUT` is a
 * fresh directory for the files it writes. Resolves when the command ends; a command that never
 * ends fails after `timeoutMs`.
 */
export async function inTerminal(command: string, options: { width: number; cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<TerminalRun> {
  const out = mkdtempSync(join(tmpdir(), 'tracectl-tty-'));
  const socket = `tracectl-tty-${process.pid}-${sessions++}`;
  const script = join(out, 'run.sh');
  const exports = Object.entries(options.env ?? {}).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'\n`).join('');
  writeFileSync(script, `cd '${options.cwd}'\nunset COLUMNS LINES\nexport OUT='${out}' NO_COLOR=1\n${exports}( ${command} )\necho $? > '${out}/.status'\n`);
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  try {
    tmux('new-session', '-d', '-x', String(options.width), '-y', '40', 'sh', script);
    const deadline = Date.now() + (options.timeoutMs ?? 50_000);
    while (!existsSync(join(out, '.status'))) {
      if (Date.now() > deadline) throw new Error(`'${command}' did not finish in the terminal`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // The status file is written by `echo`; wait until it holds the whole line.
    let status = readFileSync(join(out, '.status'), 'utf8');
    while (!status.endsWith('\n')) {
      await new Promise((r) => setTimeout(r, 20));
      status = readFileSync(join(out, '.status'), 'utf8');
    }
    const files = new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
    return {
      status: Number(status.trim()),
      file(name) {
        const text = files.get(name);
        if (text === undefined) throw new Error(`the command wrote no file ${name}`);
        return text;
      },
    };
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // the session ended with its command, and the server with it
    }
    rmSync(out, { recursive: true, force: true });
  }
}
