#!/usr/bin/env node
/**
 * Stand-in for /usr/bin/time where it is missing: runs the command with a preloaded hook that writes
 * the process's own resourceUsage() (maxRSS includes worker threads) when it exits, then prints
 * `@@<wall s> <max RSS KB> <user s> <sys s>` on stderr as bench/run.js expects. Node commands only
 * (jq and shell lines report 0).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = join(mkdtempSync(join(tmpdir(), 'bench-rss-')), 'usage.json');
const hook = new URL('./rss-hook.js', import.meta.url).href;
const env = { ...process.env, BENCH_RSS_FILE: file, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}` };
const started = process.hrtime.bigint();
const [cmd, ...args] = process.argv.slice(2);
const r = spawnSync(cmd, args, { stdio: 'inherit', env });
const wall = Number(process.hrtime.bigint() - started) / 1e9;
const u = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { maxRSS: 0, userCPUTime: 0, systemCPUTime: 0 };
process.stderr.write(`@@${wall.toFixed(2)} ${u.maxRSS} ${(u.userCPUTime / 1e6).toFixed(2)} ${(u.systemCPUTime / 1e6).toFixed(2)}\n`);
process.exit(r.status ?? 1);
