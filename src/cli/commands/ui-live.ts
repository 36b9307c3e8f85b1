/**
 * `tracectl ui --listen [--port 4318] [--host 127.0.0.1] [-o live.jsonl] [--max-spans N] [-- command]`:
 * the UI over spans as they arrive. Receiving is `record`'s (src/record/live-receiving.ts); this file
 * wires it to the screens: each request's spans go into the catalog and ask for a frame, frames are
 * throttled to a few a second, and a tick each second keeps the rate on the status line current when
 * nothing arrives.
 *
 * The screen is given back before anything is said on stderr, and the dump (with `-o`) is written
 * however the view ends (q, Ctrl-C, SIGTERM, a crash): receiving stops only after the screen closes,
 * and every request acknowledged by then is in the dump. The exit code is 0 unless the dump could
 * not be written whole (2); the command's own code is on the status line and in the last message.
 */
import { basename } from 'node:path';
import { EXIT_USAGE, TracectlError, UsageError } from '../../errors.js';
import { isLoopbackHost } from '../../record/loopback.js';
import { LiveReceiving } from '../../record/live-receiving.js';
import type { RecordResult } from '../../record/record-session.js';
import { sanitize } from '../../render/sanitize.js';
import { UiApp } from '../../ui/app.js';
import { TraceCatalog } from '../../ui/catalog.js';
import { FrameThrottle } from '../../ui/frame-throttle.js';
import { LiveStatus } from '../../ui/live-status.js';
import { runUi } from '../../ui/run-ui.js';
import type { Io } from '../io.js';
import { listenError } from '../listen-error.js';
import { runContext, type CommonOptions } from '../run-context.js';

export interface LiveFlags {
  readonly listen?: boolean;
  readonly port?: number;
  readonly host?: string;
  readonly output?: string;
  readonly maxSpans?: number;
}

const DEFAULT_PORT = 4318;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_MAX_SPANS = 1_000_000;
/** Frames while spans arrive: a few a second is live enough, and leaves the process to receiving. */
const FRAME_INTERVAL_MS = 250;
/** The rate on the status line is redrawn at least this often. */
const TICK_MS = 1000;
/** How long requests in flight may take to finish once the view closes. */
const DRAIN_MS = 10_000;
const REFUSALS_SHOWN = 5;

export async function runLive(command: string[], options: CommonOptions & LiveFlags, io: Io): Promise<void> {
  const terminal = io.terminal;
  if (terminal === undefined) throw new UsageError('ui reads keys from stdin, and stdin is not interactive (not a terminal)');
  if (options.output === '-') throw new UsageError('ui --listen draws on standard output: -o needs a file path');
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const maxSpans = options.maxSpans ?? DEFAULT_MAX_SPANS;
  const ctx = runContext(options, io);
  const say = (line: string): void => {
    if (!ctx.quiet) io.err(`tracectl ui: ${line}\n`);
  };
  if (!isLoopbackHost(host)) {
    io.err(`tracectl ui: warning: listening on ${sanitize(host)}, not loopback: anyone who can reach it can send spans, and the spans sent here may carry secrets\n`);
  }

  const catalog = new TraceCatalog({ maxSpans, adjustClockSkew: ctx.adjustClockSkew });
  let frame: (() => void) | undefined;
  const throttle = new FrameThrottle(FRAME_INTERVAL_MS, () => frame?.());
  const refusals: string[] = [];
  let receiving: LiveReceiving;
  try {
    receiving = await LiveReceiving.start({
      output: options.output,
      cwd: io.cwd,
      host,
      port,
      protocol: 'http/protobuf',
      command,
      env: io.env,
      onSpans: (spans) => {
        catalog.addSpans(spans);
        throttle.request();
      },
      onRefused: (path, status, message) => {
        if (refusals.length < REFUSALS_SHOWN) refusals.push(`refused a request to ${sanitize(path)} (HTTP ${status}): ${sanitize(message)}`);
      },
    });
  } catch (err) {
    throw listenError(err, host, port);
  }

  const stats = receiving.stats;
  const status = new LiveStatus({
    url: receiving.url,
    counts: () => ({ spans: stats.spans, requests: stats.otlpJson + stats.otlpProtobuf + stats.zipkin, refused: stats.refused }),
    catalog,
    maxSpans,
    theme: ctx.theme,
  });
  const name = command.map((word) => (word.includes('/') ? basename(word) : word)).join(' ');
  if (receiving.command !== undefined) {
    status.setCommand({ state: 'running', name });
    void receiving.command.then((result) => {
      if (result.startError !== undefined) status.setCommand({ state: 'failed', message: result.startError });
      else status.setCommand({ state: 'exited', name, exitCode: result.exitCode, ...(result.signal !== undefined ? { signal: result.signal } : {}) });
      throttle.request();
    });
  }

  const app = new UiApp(catalog, ctx.theme, ctx.where, status);
  let result: RecordResult;
  try {
    await runUi({
      app,
      terminal,
      input: io.stdin,
      write: io.out,
      signals: io.signals,
      updates: (draw) => {
        frame = draw;
        const tick = setInterval(() => throttle.request(), TICK_MS);
        return () => {
          clearInterval(tick);
          throttle.cancel();
          frame = undefined;
        };
      },
    });
  } finally {
    // However the view ended, what was acknowledged is written before the process goes.
    result = await receiving.stop(DRAIN_MS);
  }
  report(result, options.output, refusals, say, io);
}

function report(result: RecordResult, output: string | undefined, refusals: readonly string[], say: (line: string) => void, io: Io): void {
  const { stats, command } = result;
  for (const line of refusals) say(line);
  if (stats.refused > refusals.length) say(`${stats.refused - refusals.length} more requests refused`);
  if (command?.startError !== undefined) io.err(`tracectl ui: cannot run ${sanitize(command.startError)}\n`);
  else if (command !== undefined) say(`the command ${command.signal !== undefined ? `ended by ${command.signal}` : `exited with code ${command.exitCode}`}`);
  if (result.cutOff > 0) io.err(`tracectl ui: ${result.cutOff} requests were still arriving when receiving stopped and are not in the dump\n`);
  const requests = stats.otlpJson + stats.otlpProtobuf + stats.zipkin;
  const received = `${stats.spans} span${stats.spans === 1 ? '' : 's'} in ${requests} request${requests === 1 ? '' : 's'} received`;
  if (result.writeError !== undefined) {
    const target = sanitize(output ?? '');
    const message = result.writeError instanceof TracectlError ? result.writeError.message : `could not write ${target}: ${result.writeError.message}`;
    io.err(`tracectl ui: ${sanitize(message)}\n`);
  } else say(output === undefined ? received : `${received}, written to ${sanitize(output)}`);
  io.setExitCode(result.writeError !== undefined || (output !== undefined && result.cutOff > 0) ? EXIT_USAGE : 0);
}
