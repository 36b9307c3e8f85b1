/**
 * What only the real process shows: a reader that goes away (`tracectl traces big.json | head`), and
 * standard input arriving through a pipe in pieces over time. The built binary is spawned.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, runCli } from '../helpers/cli.js';
import { tempDir } from '../hostile/support/files.js';

const dir = tempDir('process');
const T = 1_700_000_000_000_000;

/** Runs the binary, lets `feed` write its stdin and read its stdout; resolves with how it ended. */
function spawned(args: string[], feed: (child: ReturnType<typeof spawn>) => void): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.once('error', reject);
    child.once('close', (status, signal) => resolve({ status, signal, stderr, stdout }));
    feed(child);
  });
}

describe('the process', () => {
  it('stops quietly with exit 0 when the reader of stdout goes away (| head)', async () => {
    // 5,000 one-span traces: some 400 KB of output, far more than a pipe holds (64 KB).
    const path = join(dir, 'many.zipkin.json');
    const spans = Array.from({ length: 5_000 }, (_, i) => ({ traceId: (i + 1).toString(16).padStart(16, '0'), id: '0000000000000001', name: 'op', timestamp: T + i, duration: 10, localEndpoint: { serviceName: 's' } }));
    writeFileSync(path, JSON.stringify(spans));
    let received = 0;
    const r = await spawned(['traces', path, '--limit', '5000'], (child) => {
      child.stdin!.end();
      child.stdout!.once('data', (chunk: Buffer) => {
        received = chunk.length;
        child.stdout!.destroy();
      });
    });
    expect(received).toBeGreaterThan(0);
    expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  });

  it('reads standard input that arrives through a pipe in pieces, and prints what it prints in-process', async () => {
    const bytes = readFileSync(fixture('equivalent/checkout.zipkin.json'));
    const cuts = [0, 7, Math.floor(bytes.length / 2), bytes.length - 3, bytes.length];
    const r = await spawned(['traces', '--json'], (child) => {
      void (async () => {
        for (let i = 1; i < cuts.length; i++) {
          child.stdin!.write(bytes.subarray(cuts[i - 1], cuts[i]));
          await sleep(30);
        }
        child.stdin!.end();
      })();
    });
    const inProcess = await runCli(['traces', '--json'], { input: bytes });
    expect(inProcess.status).toBe(0);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: inProcess.stdout, stderr: inProcess.stderr });
  });
});
