/**
 * The connection to a ClickHouse server, through the official client (@clickhouse/client, over the
 * HTTP interface): every statement runs with its values as query parameters, read-only
 * (`readonly=1`) and bounded in time (`max_execution_time`, --query-timeout). Whatever goes wrong —
 * an error from the server, a refused connection, no answer in time — becomes one InputError naming
 * the table without credentials, with ClickHouse's error code and message on one line.
 *
 * Why the official client: it speaks the HTTP interface as the server expects (parameters,
 * settings, error bodies, keep-alive), is maintained by ClickHouse, and has no dependencies.
 */
import { ClickHouseError, ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import type { TableAddress } from './address.js';
import type { Statement } from './statement.js';

export interface ConnectionOptions {
  /** The server stops a statement after this long (max_execution_time). */
  readonly queryTimeoutSec: number;
  /** Writes (convert --to clickhouse) are the only statements run without readonly=1. */
  readonly write?: boolean;
}

export type Row = Record<string, unknown>;

export class TableConnection {
  private readonly client: ClickHouseClient;

  constructor(
    readonly address: TableAddress,
    private readonly options: ConnectionOptions,
  ) {
    this.client = createClient({
      url: `${address.secure ? 'https' : 'http'}://${address.host.includes(':') && !address.host.startsWith('[') ? `[${address.host}]` : address.host}:${address.port}`,
      username: address.username,
      password: address.password,
      // Statements name their database; the connection's own stays the server's default.
      database: 'default',
      // The server gives up first (max_execution_time), so its message is the one shown.
      request_timeout: Math.round((options.queryTimeoutSec + 30) * 1000),
      application: 'tracectl',
      log: { level: ClickHouseLogLevel.OFF },
      // 64-bit integers (epoch ns, sums) as JSON strings, so none is rounded on the way to a double.
      clickhouse_settings:
        options.write === true
          ? {}
          : { max_execution_time: options.queryTimeoutSec, output_format_json_quote_64bit_integers: 1, readonly: '1' },
    });
  }

  /** Runs a query and returns its rows (for results of a bounded size: groups, not spans). */
  async rows(statement: Statement): Promise<Row[]> {
    try {
      const result = await this.client.query({ query: statement.sql, query_params: statement.params, format: 'JSONEachRow' });
      return await result.json<Row>();
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** Runs a query and hands its rows over in batches as they arrive (spans of fetched traces). */
  async eachRow(statement: Statement, onRow: (row: Row) => void): Promise<void> {
    try {
      const result = await this.client.query({ query: statement.sql, query_params: statement.params, format: 'JSONEachRow' });
      for await (const batch of result.stream<Row>()) {
        for (const row of batch) onRow(row.json());
      }
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** A statement without a result (CREATE TABLE). */
  async command(statement: Statement): Promise<void> {
    try {
      await this.client.command({ query: statement.sql, query_params: statement.params });
    } catch (err) {
      throw this.failure(err);
    }
  }

  /**
   * Sends `body` (JSONEachRow lines) as the data of an INSERT; the statement names its table with
   * Identifier parameters like every other.
   */
  async insert(statement: Statement, body: string): Promise<void> {
    try {
      const result = await this.client.exec({ query: statement.sql, query_params: statement.params, values: Readable.from([Buffer.from(body)]) });
      result.stream.resume();
      await new Promise<void>((resolve, reject) => {
        result.stream.once('end', resolve);
        result.stream.once('error', reject);
      });
    } catch (err) {
      throw this.failure(err);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private failure(err: unknown): InputError {
    return new InputError(this.address.display, describeFailure(err, this.options.queryTimeoutSec));
  }
}

/** One line for whatever a request ended in. */
function describeFailure(err: unknown, timeoutSec: number): string {
  if (err instanceof ClickHouseError) {
    const message = oneLine(err.message).replace(/[.\s]+$/, '');
    return `ClickHouse error ${err.code} (${err.type ?? 'UNKNOWN'}): ${message}`;
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = oneLine(err instanceof Error ? err.message : String(err));
  switch (code) {
    case 'ECONNREFUSED':
      return 'cannot connect: connection refused (is ClickHouse listening on that port? the HTTP interface is 8123, HTTPS 8443)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'cannot connect: host not found';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the server closed the connection';
    default:
      if (/timeout/i.test(message)) return `no answer within ${timeoutSec + 30} s`;
      return `request failed: ${message}`;
  }
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
