/**
 * `tracectl record [-o dump.jsonl] [--port 4318] [--host 127.0.0.1] [-- command args...]`.
 *
 * Messages go to stderr (stdout may be the dump itself with `-o -`). The exit code is the
 * command's when there is one, so `tracectl record -- npm test` fails exactly when the tests do;
 * a dump that could not be written fails the run too, since the spans are gone.
 */
import { EXIT_USAGE, TracectlError, UsageError } from '../../errors.js';
import { listenError } from '../listen-error.js';
import type { OtlpProtocol } from '../../record/exporter-env.js';
import { isLoopbackHost } from '../../record/loopback.js';
import { record, type RecordResult } from '../../record/record-session.js';
import type { ReceiverStats } from '../../record/receiver.js';
import { sanitize } from '../../render/sanitize.js';
import type { Io } from '../io.js';

export interface RecordCliOptions {
  readonly output: string;
  readonly port: number;
  readonly host: string;
  readonly protocol: 'protobuf' | 'json';
  readonly grace: number;
  readonly quiet?: boolean;
}

/** Refusals printed in full; the rest are only counted. */
const REFUSALS_SHOWN = 5;
/** How long requests in flight may take to finish after receiving stops. */
const DRAIN_MS = 10_000;

export async function run(command: string[], options: RecordCliOptions, io: Io): Promise<void> {
  const toStdout = options.output === '-';
  if (toStdout && command.length > 0) {
    throw new UsageError("-o - cannot be combined with a command: the command's own output would mix with the dump");
  }
  const say = (line: string): void => {
    if (options.quiet !== true) io.err(`tracectl record: ${line}\n`);
  };
  if (!isLoopbackHost(options.host)) {
    io.err(
      `tracectl record: warning: listening on ${sanitize(options.host)}, not loopback: anyone who can reach it can send spans, ` +
        'and the spans sent here may carry secrets (tokens, SQL, personal data)\n',
    );
  }
  let refusals = 0;
  const protocol: OtlpProtocol = options.protocol === 'json' ? 'http/json' : 'http/protobuf';
  let result: RecordResult;
  try {
    result = await record({
      output: toStdout ? undefined : options.output,
      cwd: io.cwd,
      writeStdout: async (chunk) => io.out(chunk.toString('utf8')),
      host: options.host,
      port: options.port,
      protocol,
      graceMs: Math.round(options.grace * 1000),
      drainMs: DRAIN_MS,
      command,
      env: io.env,
      signals: io.signals,
      onListening: (url) => {
        say(`receiving OTLP/HTTP on ${url}/v1/traces and Zipkin on ${url}/api/v2/spans`);
        if (command.length === 0) say(`press Ctrl-C to stop and write ${toStdout ? 'the dump' : sanitize(options.output)}`);
      },
      onRefused: (path, status, message) => {
        refusals++;
        if (refusals <= REFUSALS_SHOWN) say(`refused a request to ${sanitize(path)} (HTTP ${status}): ${sanitize(message)}`);
      },
    });
  } catch (err) {
    throw listenError(err, options.host, options.port);
  }
  report(result, options, say, io);
}

function report(result: RecordResult, options: RecordCliOptions, say: (line: string) => void, io: Io): void {
  const { stats, command } = result;
  const target = options.output === '-' ? 'standard output' : sanitize(options.output);
  if (command?.startError !== undefined) io.err(`tracectl record: cannot run ${sanitize(command.startError)}\n`);
  if (result.cutOff > 0) io.err(`tracectl record: ${result.cutOff} requests were still arriving when receiving stopped and are not in the dump\n`);
  if (stats.refused > REFUSALS_SHOWN) say(`${stats.refused - REFUSALS_SHOWN} more requests refused`);
  if (result.writeError !== undefined) {
    // A file error already names the file; anything else is said about it here.
    const message = result.writeError instanceof TracectlError ? result.writeError.message : `could not write ${target}: ${result.writeError.message}`;
    io.err(`tracectl record: ${sanitize(message)}\n`);
  } else if (stats.spans === 0) {
    say(
      `no spans received; wrote an empty ${target}. Is the program instrumented, and does its exporter read OTEL_EXPORTER_OTLP_ENDPOINT` +
        ' (or send to the address above)?',
    );
  } else {
    say(`${plural(stats.spans, 'span')} in ${describeRequests(stats)} written to ${target}`);
  }
  if (stats.ignored > 0) say(`${plural(stats.ignored, 'metrics/logs request')} acknowledged and dropped`);
  if (stats.aborted > 0) say(`${plural(stats.aborted, 'request')} abandoned by the sender mid-upload`);

  const dumpFailed = result.writeError !== undefined || result.cutOff > 0;
  if (command !== undefined) io.setExitCode(command.exitCode !== 0 ? command.exitCode : dumpFailed ? EXIT_USAGE : 0);
  else io.setExitCode(dumpFailed ? EXIT_USAGE : 0);
}

function describeRequests(stats: Readonly<ReceiverStats>): string {
  const parts: string[] = [];
  if (stats.otlpProtobuf > 0) parts.push(`OTLP protobuf ${stats.otlpProtobuf}`);
  if (stats.otlpJson > 0) parts.push(`OTLP JSON ${stats.otlpJson}`);
  if (stats.zipkin > 0) parts.push(`Zipkin ${stats.zipkin}`);
  const total = stats.otlpProtobuf + stats.otlpJson + stats.zipkin;
  return `${plural(total, 'request')} (${parts.join(', ')})`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
