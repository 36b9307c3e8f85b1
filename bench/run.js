#!/usr/bin/env node
/**
 * `npm run bench`: generates dumps into bench/out/ (once; they are reused), runs tracectl and the
 * baselines on the same files in turn, and prints a table: wall time, MB/s of uncompressed input, CPU
 * time, peak RSS, and tracectl's speed as a ratio to each baseline; then `why` beside `latency` on
 * the same dumps (its target: at most 1.5× latency's time). Then the issue's other targets:
 * memory on 1 GB, linear scale, start-up (ms over bare node), and a single trace of a million spans.
 *
 * Environment (all optional):
 *   BENCH_MB=100        size of the per-format dumps (MiB of uncompressed JSON)
 *   BENCH_GB=1          also run the 1 GiB targets (memory through stdin, scattered traces, scale)
 *   BENCH_RUNS=2        runs per measurement (stream-json: one); the fastest counts (the machine may be shared);
 *                       in the why section, rounds of latency, why --slow, why --errors in turn (medians)
 *   BENCH_FORMATS=otlp,jaeger   a subset of jaeger,zipkin,otlp,otlp-lines,gzip
 *   BENCH_STREAM_JSON=0 skip the (slow) stream-json baseline
 *   BENCH_ONE_TRACE=1000000  spans in the single-trace run (0 skips it)
 *   BENCH_SAMPLE=0      skip the sampling section (sample beside latency, latency on sampled dumps)
 *   BENCH_FAST_ROUNDS=5 rounds of the fast-path section (each path off and on in turn; 0 skips it)
 *   BENCH_ONLY=fast-paths  run one section: throughput, why, 1 GiB, start-up, one trace, sampling
 *                       or fast-paths
 *
 * Peak RSS comes from /usr/bin/time -v when it exists, else from a wrapper that reads the child's
 * process.resourceUsage() (maxRSS, which includes worker threads).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateFile } from './generate.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}bench/out/`;
const BIN = `${ROOT}bin/tracectl.js`;
const MB = Number(process.env.BENCH_MB ?? 100);
const GB = Number(process.env.BENCH_GB ?? 0);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const FORMATS = (process.env.BENCH_FORMATS ?? 'jaeger,zipkin,otlp,otlp-lines,gzip').split(',');
const STREAM_JSON = process.env.BENCH_STREAM_JSON !== '0';
const ONE_TRACE = Number(process.env.BENCH_ONE_TRACE ?? 1_000_000);
const SAMPLE = process.env.BENCH_SAMPLE !== '0';
const FAST_ROUNDS = Number(process.env.BENCH_FAST_ROUNDS ?? 5);
const ONLY = process.env.BENCH_ONLY;
const HAVE_TIME = existsSync('/usr/bin/time');
const HAVE_JQ = spawnSync('sh', ['-c', 'command -v jq'], { encoding: 'utf8' }).status === 0;
const MiB = 1024 * 1024;

const log = (s) => process.stderr.write(`${s}\n`);

/** Runs `argv` (or a shell line when `shell`), returns wall seconds, CPU seconds, peak RSS MB. */
function measure(argv, { shell = false, env = {}, runs = RUNS } = {}) {
  let best;
  for (let i = 0; i < runs; i++) {
    const cmd = shell ? ['sh', '-c', argv] : argv;
    const started = process.hrtime.bigint();
    let r;
    if (HAVE_TIME) {
      r = spawnSync('/usr/bin/time', ['-f', '@@%e %M %U %S', ...cmd], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
    } else {
      r = spawnSync(process.execPath, [`${ROOT}bench/rss-wrapper.js`, ...cmd], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
    }
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const m = /@@(\S+) (\d+) (\S+) (\S+)\s*$/.exec(r.stderr ?? '');
    if (r.status !== 0 || m === null) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-500)}`);
    const run = { wall, rssMB: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]), stdout: r.stdout };
    if (best === undefined || run.wall < best.wall) best = { ...run, rssMB: Math.max(run.rssMB, best?.rssMB ?? 0) };
    else best.rssMB = Math.max(best.rssMB, run.rssMB);
  }
  return best;
}

async function ensure(name, opts) {
  const path = `${OUT}${name}`;
  if (!existsSync(path)) {
    log(`generating ${name} ...`);
    const counts = await generateFile(path, opts);
    writeFileSync(`${path}.counts.json`, JSON.stringify(counts));
  }
  return path;
}

/** Uncompressed bytes of a dump (gzip: from the counts the generator wrote). */
function plainBytes(path) {
  const counts = `${path}.counts.json`;
  if (existsSync(counts)) return JSON.parse(readText(counts)).bytes;
  return statSync(path).size;
}

function readText(path) {
  return spawnSync('cat', [path], { encoding: 'utf8' }).stdout;
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');

const rows = [];
const checks = [];
/** `why` beside `latency` on the same dump, in the same run. */
const whyRows = [];

async function throughput() {
  for (const f of FORMATS) {
    const gzip = f === 'gzip';
    const format = gzip ? 'otlp' : f;
    const name = `${f}-${MB}.json${gzip ? '.gz' : ''}`;
    const path = await ensure(name, { format, mb: MB, seed: 1, gzip });
    const mb = plainBytes(path) / MiB;
    const baseFormat = format;
    for (const command of ['latency', 'traces']) {
      log(`${name}: ${command}`);
      const args = command === 'traces' ? ['traces', '--limit', '10', '--json'] : ['latency', '--json'];
      const t = measure([process.execPath, BIN, ...args, path]);
      const whole = measure([process.execPath, `${ROOT}bench/baselines/whole-parse.js`, baseFormat, command, path]);
      // stream-json is 10× slower than the others: one run is plenty to compare against.
      const sj = STREAM_JSON ? measure([process.execPath, `${ROOT}bench/baselines/stream-json.js`, baseFormat, command, path], { runs: 1 }) : undefined;
      const row = { file: name, mb, command, tracectl: t, whole, streamJson: sj };
      rows.push(row);
      checks.push({ what: `${command} ${f}: ≥ 1.25× whole-file JSON.parse`, ok: whole.wall / t.wall >= 1.25, value: `${fmt(whole.wall / t.wall)}×` });
      if (sj !== undefined) checks.push({ what: `${command} ${f}: ≥ 8× stream-json`, ok: sj.wall / t.wall >= 8, value: `${fmt(sj.wall / t.wall, 1)}×` });
    }
    if (HAVE_JQ && f === 'otlp') {
      log(`${name}: jq`);
      const jq = measure(`jq -c '[.resourceSpans[] | (.resource.attributes[] | select(.key=="service.name") | .value.stringValue) as $s | .scopeSpans[].spans[] | select(.kind==2) | {s: $s, d: ((.endTimeUnixNano|tonumber) - (.startTimeUnixNano|tonumber))}] | group_by(.s) | map({s: .[0].s, n: length, p50: (map(.d)|sort|.[length/2|floor])})' ${path} > /dev/null`, { shell: true });
      rows.push({ file: name, mb, command: 'latency (jq, server spans only)', jq });
    }
  }
}

/**
 * `why` reads every attribute (what it compares); its target is 1.5× `latency`'s time on the same
 * dump. The three run in turn, round after round, so a busy machine slows each about as much; the
 * medians of the rounds count, and the ratio is of the medians.
 */
async function whyBeside() {
  const commands = [
    ['latency', ['latency', '--json']],
    ['why --slow', ['why', '--slow', '--json']],
    ['why --errors', ['why', '--errors', '--json']],
  ];
  for (const f of FORMATS) {
    const gzip = f === 'gzip';
    const name = `${f}-${MB}.json${gzip ? '.gz' : ''}`;
    const path = await ensure(name, { format: gzip ? 'otlp' : f, mb: MB, seed: 1, gzip });
    const runs = Object.fromEntries(commands.map(([label]) => [label, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [label, args] of commands) {
        log(`${name}: ${label} (${i + 1}/${RUNS})`);
        runs[label].push(measure([process.execPath, BIN, ...args, path], { runs: 1 }));
      }
    }
    const row = { file: name, mb: plainBytes(path) / MiB };
    for (const [label] of commands) {
      const r = runs[label];
      row[label] = { wall: median(r.map((t) => t.wall)), cpu: median(r.map((t) => t.cpu)), rssMB: Math.max(...r.map((t) => t.rssMB)) };
    }
    for (const label of ['why --slow', 'why --errors']) {
      checks.push({ what: `${label} ${f}: ≤ 1.5× latency (medians)`, ok: row[label].wall <= 1.5 * row.latency.wall, value: `${fmt(row[label].wall / row.latency.wall)}×` });
    }
    whyRows.push(row);
  }
}

function printThroughput() {
  const lines = [
    '| dump | MiB | command | tracectl s | MB/s | CPU s | RSS MB | JSON.parse s | CPU s | RSS MB | ratio | stream-json s | ratio |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    if (r.jq !== undefined) {
      lines.push(`| ${r.file} | ${fmt(r.mb, 0)} | ${r.command} | jq: ${fmt(r.jq.wall)} | ${fmt(r.mb / r.jq.wall, 1)} | ${fmt(r.jq.cpu)} | ${fmt(r.jq.rssMB, 0)} | | | | | | |`);
      continue;
    }
    const t = r.tracectl;
    lines.push(
      `| ${r.file} | ${fmt(r.mb, 0)} | ${r.command} | ${fmt(t.wall)} | ${fmt(r.mb / t.wall, 1)} | ${fmt(t.cpu)} | ${fmt(t.rssMB, 0)} | ${fmt(r.whole.wall)} | ${fmt(r.whole.cpu)} | ${fmt(r.whole.rssMB, 0)} | ${fmt(r.whole.wall / t.wall)}× | ${r.streamJson ? fmt(r.streamJson.wall) : '-'} | ${r.streamJson ? `${fmt(r.streamJson.wall / t.wall, 1)}×` : '-'} |`,
    );
  }
  return lines;
}

function printWhy(lines) {
  if (whyRows.length === 0) return;
  lines.push(
    '',
    `\`why\` beside \`latency\`, ${RUNS} rounds in turn, medians (RSS: the largest)`,
    '',
    '| dump | MiB | latency s | CPU s | why --slow s | CPU s | ratio | RSS MB | why --errors s | CPU s | ratio | RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of whyRows) {
    const slow = r['why --slow'];
    const errors = r['why --errors'];
    lines.push(
      `| ${r.file} | ${fmt(r.mb, 0)} | ${fmt(r.latency.wall)} | ${fmt(r.latency.cpu)} | ${fmt(slow.wall)} | ${fmt(slow.cpu)} | ${fmt(slow.wall / r.latency.wall)}× | ${fmt(slow.rssMB, 0)} | ${fmt(errors.wall)} | ${fmt(errors.cpu)} | ${fmt(errors.wall / r.latency.wall)}× | ${fmt(errors.rssMB, 0)} |`,
    );
  }
}

async function big(lines) {
  if (!(GB > 0)) return;
  const mbBig = Math.round(GB * 1024);
  const path = await ensure(`otlp-${mbBig}.json`, { format: 'otlp', mb: mbBig, seed: 2 });
  const small = await ensure(`otlp-${MB}.json`, { format: 'otlp', mb: MB, seed: 1 });
  const size = plainBytes(path) / MiB;
  log(`big: latency through stdin (${fmt(size, 0)} MiB)`);
  // sh waits for cat and tracectl: the peak RSS reported is the larger of the two, tracectl's.
  const lat = measure(`cat ${path} | ${process.execPath} ${BIN} latency --json > /dev/null`, { shell: true });
  log('big: traces');
  const tr = measure([process.execPath, BIN, 'traces', '--limit', '10', '--json', path]);
  const lat100 = measure([process.execPath, BIN, 'latency', '--json', small]);
  const tr100 = measure([process.execPath, BIN, 'traces', '--limit', '10', '--json', small]);
  const latFile = measure([process.execPath, BIN, 'latency', '--json', path]);
  const mbSmall = plainBytes(small) / MiB;
  lines.push(
    '',
    `| 1 GiB target (${fmt(size, 0)} MiB OTLP, traces scattered) | wall s | MB/s | peak RSS MB | s per 100 MB vs ${fmt(mbSmall, 0)} MiB |`,
    '| --- | ---: | ---: | ---: | ---: |',
    `| latency, through stdin | ${fmt(lat.wall)} | ${fmt(size / lat.wall, 1)} | ${fmt(lat.rssMB, 0)} | |`,
    `| latency, file | ${fmt(latFile.wall)} | ${fmt(size / latFile.wall, 1)} | ${fmt(latFile.rssMB, 0)} | ${fmt(latFile.wall / size / (lat100.wall / mbSmall))}× |`,
    `| traces, file | ${fmt(tr.wall)} | ${fmt(size / tr.wall, 1)} | ${fmt(tr.rssMB, 0)} | ${fmt(tr.wall / size / (tr100.wall / mbSmall))}× |`,
  );
  checks.push({ what: 'latency on 1 GiB through stdin: peak RSS < 200 MB', ok: lat.rssMB < 200, value: `${fmt(lat.rssMB, 0)} MB` });
  checks.push({ what: 'traces on 1 GiB scattered OTLP: peak RSS < input size', ok: tr.rssMB < size, value: `${fmt(tr.rssMB, 0)} MB of ${fmt(size, 0)} MiB` });
  checks.push({ what: 'latency: time per MB at 1 GiB ≤ 1.2× at 100 MiB', ok: latFile.wall / size <= 1.2 * (lat100.wall / mbSmall), value: `${fmt(latFile.wall / size / (lat100.wall / mbSmall))}×` });
  checks.push({ what: 'traces: time per MB at 1 GiB ≤ 1.2× at 100 MiB', ok: tr.wall / size <= 1.2 * (tr100.wall / mbSmall), value: `${fmt(tr.wall / size / (tr100.wall / mbSmall))}×` });
}

/**
 * Start-up: what `tracectl --version` and `tracectl --help` cost over a bare `node -e 0`, in ms,
 * against the 30 ms limit. The three run in turn, round after round, and each round's differences
 * are kept, so a busy moment of a shared machine slows all three alike instead of one of them; the
 * median difference counts. Each measurement is a batch of runs: wall time per run, and CPU time
 * (user + sys, from /usr/bin/time) per run, which a busy machine disturbs far less.
 */
const STARTUP_LIMIT_MS = 30;
const STARTUP_ROUNDS = 15;
const STARTUP_BATCH = 5;

function startup(lines) {
  const commands = { node: [process.execPath, '-e', '0'], version: [process.execPath, BIN, '--version'], help: [process.execPath, BIN, '--help'] };
  /** Wall and CPU ms per run of `argv`, over a batch. */
  const batch = (argv) => {
    const loop = `for i in $(seq ${STARTUP_BATCH}); do "$@" >/dev/null 2>&1; done`;
    const t0 = process.hrtime.bigint();
    let cpu = NaN;
    if (HAVE_TIME) {
      const r = spawnSync('/usr/bin/time', ['-f', '@@%U %S', 'sh', '-c', loop, 'sh', ...argv], { encoding: 'utf8' });
      const m = /@@(\S+) (\S+)\s*$/.exec(r.stderr ?? '');
      if (m !== null) cpu = ((Number(m[1]) + Number(m[2])) * 1000) / STARTUP_BATCH;
    } else spawnSync('sh', ['-c', loop, 'sh', ...argv]);
    return { wall: Number(process.hrtime.bigint() - t0) / 1e6 / STARTUP_BATCH, cpu };
  };
  const med = (x) => (x.length === 0 ? NaN : [...x].sort((a, b) => a - b)[x.length >> 1]);
  const got = { node: { wall: [], cpu: [] }, version: { wall: [], cpu: [] }, help: { wall: [], cpu: [] } };
  const over = { version: { wall: [], cpu: [] }, help: { wall: [], cpu: [] } };
  for (let round = 0; round < STARTUP_ROUNDS; round++) {
    const t = {};
    for (const [name, argv] of Object.entries(commands)) {
      t[name] = batch(argv);
      got[name].wall.push(t[name].wall);
      if (Number.isFinite(t[name].cpu)) got[name].cpu.push(t[name].cpu);
    }
    for (const name of ['version', 'help']) {
      over[name].wall.push(t[name].wall - t.node.wall);
      if (Number.isFinite(t[name].cpu) && Number.isFinite(t.node.cpu)) over[name].cpu.push(t[name].cpu - t.node.cpu);
    }
  }
  lines.push(
    '',
    `| start-up (median of ${STARTUP_ROUNDS} rounds of ${STARTUP_BATCH} runs) | wall ms | CPU ms | wall ms over bare node | CPU ms over bare node |`,
    '| --- | ---: | ---: | ---: | ---: |',
    `| node -e 0 | ${fmt(med(got.node.wall), 0)} | ${fmt(med(got.node.cpu), 0)} | | |`,
    `| tracectl --version | ${fmt(med(got.version.wall), 0)} | ${fmt(med(got.version.cpu), 0)} | ${fmt(med(over.version.wall), 1)} | ${fmt(med(over.version.cpu), 1)} |`,
    `| tracectl --help | ${fmt(med(got.help.wall), 0)} | ${fmt(med(got.help.cpu), 0)} | ${fmt(med(over.help.wall), 1)} | ${fmt(med(over.help.cpu), 1)} |`,
  );
  for (const name of ['version', 'help']) {
    const wall = med(over[name].wall);
    const cpu = med(over[name].cpu);
    checks.push({ what: `--${name}: at most ${STARTUP_LIMIT_MS} ms over bare node, wall`, ok: wall <= STARTUP_LIMIT_MS, value: `${fmt(wall, 1)} ms` });
    if (Number.isFinite(cpu)) checks.push({ what: `--${name}: at most ${STARTUP_LIMIT_MS} ms over bare node, CPU`, ok: cpu <= STARTUP_LIMIT_MS, value: `${fmt(cpu, 1)} ms` });
  }
}

async function oneTrace(lines) {
  if (!(ONE_TRACE > 0)) return;
  const quarter = Math.round(ONE_TRACE / 4);
  const files = [
    [quarter, await ensure(`one-trace-${quarter}.json`, { format: 'otlp', mb: 0, seed: 3, oneTrace: quarter })],
    [ONE_TRACE, await ensure(`one-trace-${ONE_TRACE}.json`, { format: 'otlp', mb: 0, seed: 3, oneTrace: ONE_TRACE })],
  ];
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
  const commands = [['traces'], ['critical-path'], ['waterfall', '--depth', '3']].filter(([c]) => help.includes(`  ${c} `));
  lines.push('', `| one trace | ${files.map(([n]) => `${n.toLocaleString('en-US')} spans s`).join(' | ')} | µs per span (small → big) |`, `| --- | ${files.map(() => '---:').join(' | ')} | ---: |`);
  for (const command of commands) {
    log(`one trace: ${command.join(' ')}`);
    const got = files.map(([, path]) => measure([process.execPath, BIN, ...command, '--json', path]));
    const per = got.map((g, i) => (g.wall * 1e6) / files[i][0]);
    lines.push(`| ${command.join(' ')} | ${got.map((g) => fmt(g.wall)).join(' | ')} | ${fmt(per[0], 1)} → ${fmt(per[1], 1)} |`);
    checks.push({ what: `one ${ONE_TRACE.toLocaleString('en-US')}-span trace, ${command.join(' ')}: linear (µs per span at 4× the spans ≤ 1.2×)`, ok: per[1] <= 1.2 * per[0], value: `${fmt(per[1] / per[0])}×` });
  }
}

/**
 * `tracectl sample` beside `latency` on the same dumps (JSON and OTLP), and `latency` on the same
 * dump sampled: every span given a tracestate with a threshold (`sample --ratio 1` writes th:0), so
 * the sampling column and the weights are read for every span. The dump grows by the tracestate
 * text: compared per MB.
 */
async function sampling(lines) {
  if (!SAMPLE) return;
  const formats = FORMATS.filter((f) => f === 'otlp' || f === 'jaeger');
  if (formats.length === 0) return;
  const policy = `${ROOT}bench/tail-sampling.yaml`;
  lines.push(
    '',
    '| dump | MiB | latency s | sample --ratio 0.1 s | RSS MB | sample --policy s | RSS MB | sampled dump MiB | latency on it s | MB/s unsampled → sampled |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const f of formats) {
    const name = `${f}-${MB}.json`;
    const path = await ensure(name, { format: f, mb: MB, seed: 1, gzip: false });
    const mb = plainBytes(path) / MiB;
    const sampledPath = `${OUT}${f}-${MB}.sampled.json`;
    if (!existsSync(sampledPath)) {
      log(`writing ${f}-${MB}.sampled.json (sample --ratio 1) ...`);
      const r = spawnSync(process.execPath, [BIN, 'sample', '--ratio', '1', '-q', path, '-o', sampledPath], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`sample --ratio 1 failed: ${r.stderr}`);
    }
    const sampledMb = statSync(sampledPath).size / MiB;
    log(`${name}: latency, sample --ratio, sample --policy, latency on the sampled dump`);
    const lat = measure([process.execPath, BIN, 'latency', '--json', path]);
    const ratio = measure([process.execPath, BIN, 'sample', '--ratio', '0.1', '--json', path]);
    const pol = measure([process.execPath, BIN, 'sample', '--policy', policy, '--json', path]);
    const latSampled = measure([process.execPath, BIN, 'latency', '--json', sampledPath]);
    const speed = mb / lat.wall;
    const speedSampled = sampledMb / latSampled.wall;
    lines.push(
      `| ${name} | ${fmt(mb, 0)} | ${fmt(lat.wall)} | ${fmt(ratio.wall)} | ${fmt(ratio.rssMB, 0)} | ${fmt(pol.wall)} | ${fmt(pol.rssMB, 0)} | ${fmt(sampledMb, 0)} | ${fmt(latSampled.wall)} | ${fmt(speed, 1)} → ${fmt(speedSampled, 1)} |`,
    );
    checks.push({ what: `latency ${f}: MB/s on the sampled dump ≥ 0.9× on the unsampled one`, ok: speedSampled >= 0.9 * speed, value: `${fmt(speedSampled / speed)}×` });
  }
}

/**
 * Each fast path of the reader off and on with its switch, in turn round after round on the same
 * dump (a busy machine slows both alike), `latency` timed: the median of each side, and the gain.
 * A path is worth its code when it gains at least 10% on its format's median.
 */
const FAST_PATHS = [
  { name: 'fast Zipkin reader', env: 'TRACECTL_FAST', formats: ['zipkin'] },
  { name: 'byte runs of small records', env: 'TRACECTL_RUNS', formats: ['jaeger', 'zipkin'] },
  { name: 'OTLP records as bytes', env: 'TRACECTL_OTLP_BYTES', formats: ['otlp'] },
];

async function fastPaths(lines) {
  if (FAST_ROUNDS <= 0) return;
  lines.push(
    '',
    `Fast paths: \`latency\` with each path off and on, ${FAST_ROUNDS} rounds in turn, medians`,
    '',
    '| path | switch | dump | off s | on s | gain | off CPU s | on CPU s | off RSS MB | on RSS MB |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const fp of FAST_PATHS) {
    for (const f of fp.formats.filter((x) => FORMATS.includes(x))) {
      const name = `${f}-${MB}.json`;
      const path = await ensure(name, { format: f, mb: MB, seed: 1, gzip: false });
      log(`${name}: latency with ${fp.env}=0 and without, ${FAST_ROUNDS} rounds`);
      const off = [];
      const on = [];
      for (let i = 0; i < FAST_ROUNDS; i++) {
        off.push(measure([process.execPath, BIN, 'latency', '--json', path], { env: { [fp.env]: '0' }, runs: 1 }));
        on.push(measure([process.execPath, BIN, 'latency', '--json', path], { runs: 1 }));
      }
      const [offS, onS] = [median(off.map((r) => r.wall)), median(on.map((r) => r.wall))];
      const gain = (offS - onS) / offS;
      lines.push(
        `| ${fp.name} | ${fp.env}=0 | ${name} | ${fmt(offS)} | ${fmt(onS)} | ${fmt(gain * 100, 0)}% | ${fmt(median(off.map((r) => r.cpu)))} | ${fmt(median(on.map((r) => r.cpu)))} | ${fmt(median(off.map((r) => r.rssMB)), 0)} | ${fmt(median(on.map((r) => r.rssMB)), 0)} |`,
      );
      checks.push({ what: `${fp.name} gains ≥ 10% on ${name} (median)`, ok: gain >= 0.1, value: `${fmt(gain * 100, 0)}%` });
    }
  }
}

const started = Date.now();
/** Runs a section; a failure is reported in the table instead of losing what was measured. */
async function section(name, run) {
  if (ONLY !== undefined && ONLY !== name) return;
  try {
    await run();
  } catch (err) {
    log(`${name} failed: ${err.stack ?? err}`);
    checks.push({ what: `${name} (failed to run)`, ok: false, value: String(err.message ?? err).slice(0, 80) });
  }
}
await section('throughput', throughput);
const lines = ONLY === undefined || ONLY === 'throughput' ? printThroughput() : [];
await section('why', whyBeside);
printWhy(lines);
await section('1 GiB', () => big(lines));
await section('start-up', () => startup(lines));
await section('one trace', () => oneTrace(lines));
await section('sampling', () => sampling(lines));
await section('fast-paths', () => fastPaths(lines));
lines.push('', '| target | measured | met |', '| --- | ---: | --- |');
for (const c of checks) lines.push(`| ${c.what} | ${c.value} | ${c.ok ? 'yes' : 'NO'} |`);
const header = `tracectl bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${RUNS} run(s) each (fastest shown), ${(Date.now() - started) / 1000 | 0}s in all`;
const text = `${header}\n\n${lines.join('\n')}\n`;
writeFileSync(`${OUT}results.md`, text);
process.stdout.write(text);
