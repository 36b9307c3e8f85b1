/**
 * An interactive program in a real terminal: a detached tmux session on a server of its own,
 * driven with `send-keys` and read with `capture-pane`, for the full-screen `tracectl ui`. The
 * command runs under `sh`; its exit status lands in a file the test waits for.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let sessions = 0;

export class TmuxSession {
  private readonly dir: string;
  private readonly socket: string;

  /** `command` starts in a `width`×`height` terminal, in `cwd`, with NO_COLOR set. */
  constructor(command: string, options: { width: number; height: number; cwd: string }) {
    this.dir = mkdtempSync(join(tmpdir(), 'tracectl-tmux-'));
    this.socket = `tracectl-ui-${process.pid}-${sessions++}`;
    const script = join(this.dir, 'run.sh');
    writeFileSync(script, `cd '${options.cwd}'\nunset COLUMNS LINES\nexport NO_COLOR=1\n${command}\necho $? > '${this.dir}/status'\nsleep 600\n`);
    this.tmux('new-session', '-d', '-x', String(options.width), '-y', String(options.height), 'sh', script);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The visible screen, one string per row, trailing blanks cut; `joined`: wrapped lines as one. */
  screen(joined = false): string[] {
    return this.tmux('capture-pane', '-p', ...(joined ? ['-J'] : [])).split('\n').map((l) => l.trimEnd());
  }

  /** The terminal takes a new size, as when the user resizes the window. */
  resize(width: number, height: number): void {
    this.tmux('resize-window', '-x', String(width), '-y', String(height));
  }

  /** Whether the program is on the alternate screen. */
  alternate(): boolean {
    return this.tmux('display-message', '-p', '#{alternate_on}').trim() === '1';
  }

  /** Keys as tmux names them: 'j', 'Enter', 'Escape', 'C-c', 'Up'; literal text with `literal`. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }

  literal(text: string): void {
    this.tmux('send-keys', '-l', text);
  }

  /** The pid of the command's process (the shell's child). */
  commandPid(): number {
    const shell = this.tmux('display-message', '-p', '#{pane_pid}').trim();
    const child = execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).trim().split('\n')[0]!;
    return Number(child.trim());
  }

  /** Waits until the screen satisfies `ok`; fails with the screen as it was. */
  async waitFor(ok: (screen: string[]) => boolean, what: string, timeoutMs = 20_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (ok(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${what}:\n${screen.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The command's exit status, once it has ended. */
  async exitStatus(timeoutMs = 20_000): Promise<number> {
    const file = join(this.dir, 'status');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        if (text.endsWith('\n')) return Number(text.trim());
      }
      if (Date.now() > deadline) throw new Error(`the command did not end:\n${this.screen().join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone with its last session
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
