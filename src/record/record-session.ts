/**
 * One `tracectl record` run from start to finish: open the dump, listen, then either run the
 * command (with exporters pointed here) or wait for Ctrl-C / SIGTERM; stop accepting, let requests
 * in flight finish, and write the dump into place.
 *
 * The order matters: the dump's temporary file is opened before anything listens, so a bad output
 * path fails before the command runs; and the dump is finished even when the command fails, since
 * the spans of a failing test run are the interesting ones.
 */
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DumpWriter } from './dump-writer.js';
import { exporterEnv, type OtlpProtocol } from './exporter-env.js';
import { connectHost, urlHost } from './loopback.js';
import { Receiver, type ReceiverStats } from './receiver.js';
import { runCommand, type CommandResult } from './run-command.js';

export interface RecordOptions {
  /** Dump path, or undefined to stream lines to `writeStdout`. */
  readonly output: string | undefined;
  /** The run's directory: relative output paths start there, and the command runs there. */
  readonly cwd: string;
  readonly writeStdout: (chunk: Buffer) => Promise<void>;
  readonly host: string;
  readonly port: number;
  readonly protocol: OtlpProtocol;
  /** How long to keep receiving after the command exits (its children may still be flushing). */
  readonly graceMs: number;
  /** How long requests in flight may take to finish once receiving stops. */
  readonly drainMs: number;
  /** The command to run; empty to record until a signal. */
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Source of SIGINT/SIGTERM (the process). */
  readonly signals: EventEmitter;
  readonly onListening?: (url: string, childEnv: Readonly<Record<string, string>>) => void;
  readonly onAccepted?: (stats: Readonly<ReceiverStats>) => void;
  readonly onRefused?: (path: string, status: number, message: string) => void;
}

export interface RecordResult {
  readonly stats: Readonly<ReceiverStats>;
  readonly lines: number;
  readonly bytes: number;
  /** Requests still being read when the drain time ran out. */
  readonly cutOff: number;
  readonly command?: CommandResult;
  /** Set when the dump could not be written; the spans are lost. */
  readonly writeError?: Error;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function record(options: RecordOptions): Promise<RecordResult> {
  const writer = options.output === undefined ? DumpWriter.toStream(options.writeStdout) : await DumpWriter.toFile(options.output, options.cwd);
  let receiver: Receiver;
  try {
    receiver = await Receiver.start({
      host: options.host,
      port: options.port,
      sink: writer,
      ...(options.onAccepted ? { onAccepted: options.onAccepted } : {}),
      ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    });
  } catch (err) {
    await writer.discard();
    throw err;
  }
  const { port, host } = receiver.address;
  const baseUrl = `http://${urlHost(connectHost(host))}:${port}`;
  const childEnv = exporterEnv(baseUrl, options.protocol);
  options.onListening?.(baseUrl, childEnv);

  let command: CommandResult | undefined;
  if (options.command.length > 0) {
    command = await runCommand(options.command, { env: { ...options.env, ...childEnv }, cwd: options.cwd, signals: options.signals });
    await untilSignalOr(options.signals, options.graceMs);
  } else {
    await untilSignalOr(options.signals, undefined);
  }

  const cutOff = await receiver.stop(options.drainMs);
  try {
    const { lines, bytes } = await writer.finish();
    return { stats: receiver.stats, lines, bytes, cutOff, ...(command ? { command } : {}) };
  } catch (err) {
    await writer.discard();
    const writeError = err instanceof Error ? err : new Error(String(err));
    return { stats: receiver.stats, lines: 0, bytes: 0, cutOff, writeError, ...(command ? { command } : {}) };
  }
}

/** Resolves on the first stop signal, or after `ms` when given. */
async function untilSignalOr(signals: EventEmitter, ms: number | undefined): Promise<void> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  for (const s of STOP_SIGNALS) signals.once(s, onSignal);
  try {
    if (ms === undefined) await new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));
    else await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
  } finally {
    for (const s of STOP_SIGNALS) signals.off(s, onSignal);
  }
}
