/**
 * Runs the built tracectl binary without blocking the test process, so a server the test itself
 * runs (a fake trace backend, or an exporter talking to `tracectl record`) can answer meanwhile.
 * Bounded: the child is killed after `timeoutMs`.
 */
import { spawn } from 'node:child_process';
import { BIN, ROOT, type CliResult } from '../../helpers/run-cli.js';

export interface AsyncCliOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly input?: string;
  readonly timeoutMs?: number;
  /** Called once the child has started, e.g. to signal it later. */
  readonly onSpawn?: (pid: number) => void;
  /** Called with each piece of stderr as it arrives. */
  readonly onStderr?: (text: string) => void;
}

export function runCliAsync(args: readonly string[], options: AsyncCliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CI: '1', ...options.env };
  delete env.FORCE_COLOR;
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      options.onStderr?.(s);
    });
    child.stdin.end(options.input ?? '');
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tracectl ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60_000}ms; stderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}
