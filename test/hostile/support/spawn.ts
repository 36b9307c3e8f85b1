/**
 * Spawns the built binary with a time bound: what the suites use for the sampled real-process runs
 * and for inputs whose failure mode could be a hang (a synchronous loop cannot be timed out
 * in-process).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/tracectl.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface BinResult {
  readonly stdout: string;
  readonly stderr: string;
  /** null when the process was killed (time bound). */
  readonly status: number | null;
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface BinOptions {
  readonly input?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

export function runBin(args: readonly string[], options: BinOptions = {}): BinResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TRACECTL_DEBUG: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, timedOut, ms: performance.now() - started };
}
