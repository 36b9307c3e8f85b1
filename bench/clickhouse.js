#!/usr/bin/env node
/**
 * `npm run bench:clickhouse` (not part of CI: it takes a while): a table of ten million spans, loaded
 * by `tracectl convert --to clickhouse` from a generated dump, and `latency --since` on it beside
 * `latency` on the dump itself — wall time, peak RSS of tracectl, and the bytes ClickHouse sent back.
 *
 * ClickHouse is the engine of chdb behind the test suite's server (test/clickhouse/support), with its
 * data kept in bench/out/clickhouse/, so a second run reuses the dump and the table. The dump's
 * traces start a few hours before the run that generates it; `--since` covers them (the hours since
 * the first trace, written beside the dump).
 *
 * Environment: BENCH_CH_SPANS (default 10000000), BENCH_CH_RUNS (default 1; the fastest counts),
 * BENCH_CH_TIMEOUT (--query-timeout of the table runs, default 900 s).
 * Peak RSS comes from /usr/bin/time -v when it exists, else from bench/rss-wrapper.js.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateFile } from './generate.js';
import { startChdbServer } from '../test/clickhouse/support/chdb-server.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}bench/out/clickhouse/`;
const BIN = `${ROOT}bin/tracectl.js`;
const SPANS = Number(process.env.BENCH_CH_SPANS ?? 10_000_000);
const RUNS = Math.max(1, Number(process.env.BENCH_CH_RUNS ?? 1));
const HAVE_TIME = existsSync('/usr/bin/time');
const log = (s) => process.stderr.write(`${s}\n`);
// Ten million spans on a shared machine can take longer than the default minute per statement.
const TIMEOUT = ['--query-timeout', process.env.BENCH_CH_TIMEOUT ?? '900'];

/** Runs argv without blocking this process (the ClickHouse server lives here); wall s, peak RSS MB, output. */
function measure(argv) {
  return new Promise((resolve, reject) => {
    const cmd = HAVE_TIME ? ['/usr/bin/time', '-f', '@@%e %M', ...argv] : [process.execPath, `${ROOT}bench/rss-wrapper.js`, ...argv];
    const started = process.hrtime.bigint();
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const m = /@@([\d.]+) (\d+)/.exec(stderr);
      const rssMb = m === null ? NaN : Number(m[2]) / 1024;
      if (status !== 0) reject(new Error(`${argv.join(' ')} exited ${status}: ${stderr.slice(-2000)}`));
      else resolve({ wall, rssMb, stdout, stderr: stderr.replace(/@@.*\n?$/, '') });
    });
  });
}

async function best(argv, server) {
  let result;
  for (let i = 0; i < RUNS; i++) {
    const since = server?.requests.length ?? 0;
    const r = await measure(argv);
    r.responseBytes = server === undefined ? undefined : server.requests.slice(since).reduce((n, q) => n + q.responseBytes, 0);
    r.statements = server === undefined ? undefined : server.requests.length - since;
    if (result === undefined || r.wall < result.wall) result = r;
  }
  return result;
}

mkdirSync(OUT, { recursive: true });
const dump = `${OUT}otlp-${SPANS}.json`;
const meta = `${dump}.start`;
if (!existsSync(dump) || !existsSync(meta)) {
  const startMs = Date.now() - 10 * 3600_000;
  log(`generating ${dump} (${SPANS} spans, first trace at ${new Date(startMs).toISOString()})…`);
  const counts = await generateFile(dump, { format: 'otlp', spanLimit: SPANS, seed: 1, startMs });
  writeFileSync(meta, `${startMs}\n${JSON.stringify(counts)}\n`);
}
const [startLine, countsLine] = readFileSync(meta, 'utf8').split('\n');
const counts = JSON.parse(countsLine);
const sinceHours = Math.ceil((Date.now() - Number(startLine)) / 3600_000) + 1;
const dumpMb = statSync(dump).size / (1 << 20);

const server = await startChdbServer({ dataDir: `${OUT}chdb` });
const table = `otel_traces_${SPANS}`;
const url = `clickhouse://127.0.0.1:${server.port}/default?table=${table}`;
try {
  // JSONEachRow writes a count as a number or, with 64-bit quoting on, as a string: either reads.
  const countOf = async (sql) => Number(JSON.parse((await server.exec(sql)).trim()).n);
  const stored = (await countOf(`SELECT count() AS n FROM system.tables WHERE database = 'default' AND name = '${table}'`)) === 1;
  let convert;
  if (!stored || (await countOf(`SELECT count() AS n FROM default.${table}`)) !== counts.spans) {
    if (stored) await server.exec(`DROP TABLE default.${table}`);
    log(`loading ${counts.spans} spans into ${table} with tracectl convert --to clickhouse…`);
    convert = await measure([process.execPath, BIN, 'convert', dump, '--to', 'clickhouse', url, '--create-table', '-q']);
  }
  log(`latency --since ${sinceHours}h on the table…`);
  const onTable = await best([process.execPath, BIN, 'latency', url, '--since', `${sinceHours}h`, ...TIMEOUT], server);
  log('latency on the dump…');
  const onDump = await best([process.execPath, BIN, 'latency', dump]);
  log(`errors and deps --since ${sinceHours}h on the table…`);
  const errors = await best([process.execPath, BIN, 'errors', url, '--since', `${sinceHours}h`, '-q', ...TIMEOUT], server);
  const deps = await best([process.execPath, BIN, 'deps', url, '--since', `${sinceHours}h`, ...TIMEOUT], server);
  const same = onTable.stdout.split('\n').slice(0, -2).join('\n') === onDump.stdout.split('\n').slice(0, -2).join('\n');

  const rows = [
    ['tracectl latency --since on the table', onTable],
    ['tracectl latency on the dump', onDump],
    ['tracectl errors --since on the table', errors],
    ['tracectl deps --since on the table', deps],
  ];
  const lines = [
    `${counts.spans.toLocaleString('en-US')} spans in ${counts.traces.toLocaleString('en-US')} traces; dump ${dumpMb.toFixed(0)} MiB (OTLP JSON); ClickHouse ${server.version} (chdb)`,
    ...(convert ? [`convert --to clickhouse: ${convert.wall.toFixed(1)} s, peak RSS ${convert.rssMb.toFixed(0)} MB`] : ['convert --to clickhouse: (table loaded by an earlier run)']),
    '',
    '| run | wall | peak RSS of tracectl | bytes from ClickHouse |',
    '|---|---|---|---|',
    ...rows.map(([name, r]) => `| ${name} | ${r.wall.toFixed(1)} s | ${r.rssMb.toFixed(0)} MB | ${r.responseBytes === undefined ? '—' : `${r.responseBytes.toLocaleString('en-US')} in ${r.statements} statements`} |`),
    '',
    `latency rows equal on the table and the dump: ${same ? 'yes' : 'NO'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n\n${onTable.stdout}`);
  writeFileSync(`${OUT}results.md`, `${lines.join('\n')}\n`);
} finally {
  await server.close();
}
