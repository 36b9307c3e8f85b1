// Writes dist/cli/top-help.json, the top-level help page's parts, from the built program (see
// src/cli/top-help.ts): `tracectl --help` then prints without loading commander.
import { writeFileSync } from 'node:fs';
import { AFTER_HELP, buildProgram } from '../dist/cli/program.js';
import { topHelpOf } from '../dist/cli/top-help-of.js';

const io = { env: {}, cwd: process.cwd(), stdoutIsTTY: false, stderrIsTTY: false, out: () => {}, err: () => {}, setExitCode: () => {} };
const help = topHelpOf(buildProgram(io), AFTER_HELP);
writeFileSync(new URL('../dist/cli/top-help.json', import.meta.url), `${JSON.stringify(help, null, 1)}\n`);
