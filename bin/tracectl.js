#!/usr/bin/env node
// The only file that touches `process`: it hands the real streams, environment and terminal to
// main(), which does the rest.
import { main } from '../dist/cli/main.js';

// The reader of stdout has gone (`tracectl traces big.json | head`): stop quietly.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

const { stdout, stderr } = process;
await main(process.argv.slice(2), {
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: stdout.isTTY === true,
  stderrIsTTY: stderr.isTTY === true,
  columns: stdout.isTTY === true ? stdout.columns : stderr.isTTY === true ? stderr.columns : undefined,
  out: (text) => void stdout.write(text),
  err: (text) => void stderr.write(text),
  ...(stderr.isTTY === true ? { errStream: stderr } : {}),
  signals: process,
  setExitCode: (code) => {
    process.exitCode = code;
  },
});
