/**
 * The small things a user trips over: where convert writes without -o, which of --color and NO_COLOR
 * wins, what -q silences, how many warnings --json carries.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const CHECKOUT = fixture('equivalent/checkout.jaeger.json');
const TWO = fixture('waterfall/two-traces.json');
const ESC = '\u001b[';

/** A Zipkin dump of `n` spans whose parents are missing: `n` orphan-span warnings. */
function orphans(n: number): string {
  const spans = Array.from({ length: n }, (_, i) => ({
    traceId: 'aaaaaaaaaaaaaaaa',
    id: (0x100 + i).toString(16).padStart(16, '0'),
    parentId: (0x900 + i).toString(16).padStart(16, '0'),
    name: `op${i}`,
    timestamp: 1_700_000_000_000_000 + i,
    duration: 10,
    localEndpoint: { serviceName: 'svc' },
  }));
  return JSON.stringify(spans);
}

describe('convert without -o', () => {
  it('writes the dump to stdout when stdout is a pipe, the note to stderr', async () => {
    const piped = await runCli(['convert', CHECKOUT, '--to', 'zipkin']);
    const dash = await runCli(['convert', CHECKOUT, '--to', 'zipkin', '-o', '-']);
    expect(piped).toEqual(dash);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('tracectl: wrote 2 traces (5 spans) as zipkin to standard output\n');
    expect(JSON.parse(piped.stdout)).toHaveLength(2);
  });

  it('is refused on a terminal, and with --json', async () => {
    const tty = await runCli(['convert', CHECKOUT, '--to', 'zipkin'], { stdoutIsTTY: true });
    expect(tty).toEqual({
      stdout: '',
      stderr: 'tracectl: -o FILE is needed when standard output is a terminal (or pipe the output: tracectl convert ... | gzip > out.json.gz)\n',
      status: 2,
    });
    const json = await runCli(['convert', CHECKOUT, '--to', 'zipkin', '--json']);
    expect(json).toEqual({ stdout: '', stderr: 'tracectl: --json needs -o FILE: standard output carries the summary, not the converted dump\n', status: 2 });
  });
});

describe('colour: a flag wins over the environment', () => {
  it('--color colours with NO_COLOR set; --no-color does not colour with FORCE_COLOR set', async () => {
    const colored = await runCli(['waterfall', CHECKOUT, '--color', '--trace', '0af7651916cd43dd8448eb211c80319c'], { env: { NO_COLOR: '1' } });
    expect(colored.stdout).toContain(ESC);
    const plain = await runCli(['waterfall', CHECKOUT, '--no-color', '--trace', '0af7651916cd43dd8448eb211c80319c'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain(ESC);
    const none = await runCli(['waterfall', CHECKOUT, '--trace', '0af7651916cd43dd8448eb211c80319c'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(none.stdout).not.toContain(ESC);
  });

  it('--no-color also keeps the warnings on a terminal stderr plain', async () => {
    const input = orphans(2);
    const tty = await runCli(['traces'], { input, stderrIsTTY: true, env: { NO_COLOR: undefined } });
    expect(tty.stderr).toContain(ESC);
    const off = await runCli(['traces', '--no-color'], { input, stderrIsTTY: true, env: { NO_COLOR: undefined } });
    expect(off.stderr).not.toContain(ESC);
    expect(off.stderr).toContain('warning orphan-span ×2');
  });
});

describe('-q', () => {
  it('silences the notice about the chosen trace as well as the warnings', async () => {
    const loud = await runCli(['waterfall', TWO, '--width', '80']);
    expect(loud.stderr).toBe(
      "tracectl: the input has 2 traces; showing the longest, a1b2c3d4e5f60002 (50.0ms, 3 spans). Choose another with --trace ID ('tracectl traces' lists them).\n",
    );
    const quiet = await runCli(['waterfall', TWO, '--width', '80', '-q']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(loud.stdout);
  });

  it('still prints errors', async () => {
    expect(await runCli(['traces', 'no-such-file.json', '-q'])).toEqual({ stdout: '', stderr: 'tracectl: no-such-file.json: no such file\n', status: 2 });
  });
});

describe('--json warnings', () => {
  it('carries the first 20 of a code, and counts all of them', async () => {
    const r = await runCli(['traces', '--json'], { input: orphans(45) });
    const doc = JSON.parse(r.stdout) as { warnings: { code: string; message: string }[]; warningCounts: { code: string; count: number }[] };
    expect(doc.warningCounts).toContainEqual({ code: 'orphan-span', count: 45 });
    const kept = doc.warnings.filter((w) => w.code === 'orphan-span');
    expect(kept).toHaveLength(20);
    expect(kept[0]!.message).toContain('0000000000000900');
    expect(kept[19]!.message).toContain('0000000000000913');
  });
});
