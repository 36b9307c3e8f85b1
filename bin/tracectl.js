#!/usr/bin/env node
// The only file that touches `process`: it hands the real streams, environment and terminal to
// main(), which does the rest.
import { closeSync, openSync } from 'node:fs';
import { WriteStream } from 'node:tty';
import { main } from '../dist/cli/main.js';

// The reader of stdout has gone (`tracectl traces big.json | head`): stop quietly.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

const { stdout, stderr } = process;

/**
 * The width of the terminal the user looks at: stdout's, else stderr's, else the controlling
 * terminal's (`tracectl waterfall x 2>&1 | less` still reads in that window). No terminal, or one
 * that cannot be opened: undefined, quietly.
 */
function terminalColumns() {
  if (stdout.isTTY === true) return stdout.columns;
  if (stderr.isTTY === true) return stderr.columns;
  let fd;
  try {
    fd = openSync('/dev/tty', 'r+');
    const tty = new WriteStream(fd);
    const { columns } = tty;
    fd = undefined; // the stream owns it now
    tty.destroy();
    return columns;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
/** Raw keys, size and resizes, for `tracectl ui`: only when both stdin and stdout are terminals. */
function terminal() {
  if (stdout.isTTY !== true || process.stdin.isTTY !== true) return undefined;
  return {
    size: () => ({ columns: stdout.columns, rows: stdout.rows }),
    onResize(listener) {
      stdout.on('resize', listener);
      return () => stdout.off('resize', listener);
    },
    setRawMode: (raw) => void process.stdin.setRawMode(raw),
    onExit(restore) {
      process.on('exit', restore);
      return () => process.off('exit', restore);
    },
  };
}

const tty = terminal();
await main(process.argv.slice(2), {
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: stdout.isTTY === true,
  stderrIsTTY: stderr.isTTY === true,
  columns: terminalColumns(),
  out: (text) => void stdout.write(text),
  err: (text) => void stderr.write(text),
  ...(stderr.isTTY === true ? { errStream: stderr } : {}),
  signals: process,
  setExitCode: (code) => {
    process.exitCode = code;
  },
  ...(tty !== undefined ? { terminal: tty } : {}),
});
