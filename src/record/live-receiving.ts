/**
 * Receiving for `tracectl ui --listen`: what `tracectl record` does (the same receiver, the same
 * dump writer, the same exporter environment for the command), except that it runs beside a screen
 * rather than until a signal, so the caller decides when it ends, and every request's spans are also
 * handed to `onSpans` as they arrive.
 *
 * The command gets no terminal (the screen is on it); it is told to stop (SIGTERM) if it is still
 * running when receiving ends, and waited for, so its last exports are not cut off half-way.
 * Without an output path the dump writer keeps nothing, but its ordering and room still pace the
 * senders, so a burst waits in the senders rather than in this process.
 */
import { EventEmitter } from 'node:events';
import type { Span } from '../model/span.js';
import { DumpWriter } from './dump-writer.js';
import { exporterEnv, type OtlpProtocol } from './exporter-env.js';
import { connectHost, urlHost } from './loopback.js';
import { Receiver, type ReceiverStats } from './receiver.js';
import type { RecordResult } from './record-session.js';
import { runCommand, type CommandResult } from './run-command.js';
import { SpanFeed } from './span-feed.js';

export interface LiveReceivingOptions {
  /** Dump path (relative to `cwd`), or undefined to keep nothing. */
  readonly output: string | undefined;
  readonly cwd: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: OtlpProtocol;
  /** The command to run with its exporters pointed here; empty for none. */
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onSpans: (spans: Span[]) => void;
  readonly onRefused?: (path: string, status: number, message: string) => void;
}

export class LiveReceiving {
  /** Settles when the command has ended (undefined without one). */
  readonly command: Promise<CommandResult> | undefined;
  private readonly childSignals = new EventEmitter();
  private commandDone = false;

  private constructor(
    private readonly receiver: Receiver,
    private readonly writer: DumpWriter,
    /** Where exporters send: http://host:port. */
    readonly url: string,
    options: LiveReceivingOptions,
  ) {
    if (options.command.length > 0) {
      const env = { ...options.env, ...exporterEnv(url, options.protocol) };
      this.command = runCommand(options.command, { env, cwd: options.cwd, signals: this.childSignals, stdio: 'ignore' }).then((result) => {
        this.commandDone = true;
        return result;
      });
    }
  }

  /** Opens the dump (so a bad path fails first), listens, then starts the command. */
  static async start(options: LiveReceivingOptions): Promise<LiveReceiving> {
    const writer = options.output === undefined ? DumpWriter.toStream(async () => undefined) : await DumpWriter.toFile(options.output, options.cwd);
    let receiver: Receiver;
    try {
      receiver = await Receiver.start({
        host: options.host,
        port: options.port,
        sink: new SpanFeed(writer, options.onSpans),
        ...(options.onRefused ? { onRefused: options.onRefused } : {}),
      });
    } catch (err) {
      await writer.discard();
      throw err;
    }
    const { host, port } = receiver.address;
    return new LiveReceiving(receiver, writer, `http://${urlHost(connectHost(host))}:${port}`, options);
  }

  get stats(): Readonly<ReceiverStats> {
    return this.receiver.stats;
  }

  /** The port listened on (the one picked, for port 0). */
  get port(): number {
    return this.receiver.address.port;
  }

  /**
   * Stops the command if it still runs, stops receiving (requests in flight get up to `drainMs`),
   * and writes the dump into place.
   */
  async stop(drainMs: number): Promise<RecordResult> {
    let command: CommandResult | undefined;
    if (this.command !== undefined) {
      if (!this.commandDone) this.childSignals.emit('SIGTERM', 'SIGTERM');
      command = await this.command;
    }
    const cutOff = await this.receiver.stop(drainMs);
    const stats = this.receiver.stats;
    try {
      const { lines, bytes } = await this.writer.finish();
      return { stats, lines, bytes, cutOff, ...(command ? { command } : {}) };
    } catch (err) {
      await this.writer.discard();
      const writeError = err instanceof Error ? err : new Error(String(err));
      return { stats, lines: 0, bytes: 0, cutOff, writeError, ...(command ? { command } : {}) };
    }
  }
}
