/**
 * Bytes around and inside the JSON: a byte-order mark, Windows line ends, strings that are not
 * UTF-8, a file that is not text at all. The first two read as if they were not there; bad UTF-8 is
 * shown as U+FFFD (never as raw bytes a terminal would act on); binary stops with one line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { fixture } from './support/files.js';

describe('encodings', () => {
  it('a UTF-8 byte-order mark before the JSON: read as if it were not there, from a file and from stdin', async () => {
    const path = fixture('hostile/bom.zipkin.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    expect((await warningsOf({ paths: [path] })).counts).toEqual({});
    const viaStdin = await runCli(['traces', '--width', '80'], { input: readFileSync(path) });
    expect(viaStdin.status).toBe(0);
    expect(viaStdin.stdout).toContain('b0b0b0b0b0b0b0b0  bom after-bom');
  });

  it('CRLF line ends in OTLP JSON lines: both lines read, no warning', async () => {
    const path = fixture('hostile/crlf.otlp.jsonl');
    const runs = await runEveryCommand({ paths: [path], args: { span: ['--span', '0000000000000001', '--trace', 'c1'] } });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({});
    expect((w.json as { traces: { rootOperation: string }[] }).traces.map((t) => t.rootOperation)).toEqual(['first', 'second']);
  });

  it('strings that are not UTF-8 (a lone 0xff, a broken sequence, an overlong "/", a surrogate): shown as U+FFFD, never as raw bytes', async () => {
    const path = fixture('hostile/invalid-utf8.zipkin.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    // Nothing is skipped: the span is there, its bad bytes shown as U+FFFD, and that said once.
    expect((await warningsOf({ paths: [path] })).counts).toEqual({ 'invalid-utf8': 1 });
    const r = await runCli(['traces', path, '--width', '80']);
    expect(r.stdout.split('\n')[1]).toBe('f8f8f8f8f8f8f8f8  s\ufffd( op\ufffd!    22:13:20.000    1.00ms      1     1       0');
    const span = await runCli(['span', path, '--span', '0000000000000001', '--json']);
    expect((JSON.parse(span.stdout) as { spans: { attributes: Record<string, unknown> }[] }).spans[0]!.attributes).toEqual({ k: '\ufffd\ufffd\ufffd\ufffd\ufffd' });
  });

  it('a binary file (a PNG): exit 2, one line naming the file and what it is, in every command', async () => {
    const path = fixture('hostile/binary.png');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    for (const run of runs) {
      expect(run.result.status).toBe(2);
      expect(run.result.stderr).toBe(`tracectl: ${path}: not JSON (starts with bytes 89 50 4e 47, a PNG image)\n`);
    }
  });
});
