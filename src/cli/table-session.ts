/**
 * A command's run against a table input: the address (credentials from the address or
 * CLICKHOUSE_USER / CLICKHOUSE_PASSWORD in the environment), the time range resolved against now,
 * and either a connection or, with --explain, a printer of the statements that would be sent.
 * Loaded only when an input is a table.
 */
import { isTableInput, parseTableAddress, type TableAddress } from '../backends/clickhouse/address.js';
import { TableConnection, type Row } from '../backends/clickhouse/connection.js';
import type { TableScope } from '../backends/clickhouse/scope.js';
import type { Statement } from '../backends/clickhouse/statement.js';
import { checkShape, shapeStatement, type TableShape } from '../backends/clickhouse/table-shape.js';
import { UsageError } from '../errors.js';
import { isoFromNanos } from '../model/time.js';
import { renderJson } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
import { DEFAULT_QUERY_TIMEOUT_SEC, type TableFlags, type TimeArg } from './common-options.js';
import type { RunContext } from './run-context.js';

export interface TableSessionOptions {
  /** Reading without a range is refused unless the command says otherwise. */
  readonly write?: boolean;
}

export class TableSession {
  private connection: TableConnection | undefined;

  private constructor(
    readonly scope: TableScope,
    readonly explain: boolean,
    private readonly ctx: RunContext,
    private readonly timeoutSec: number,
    private readonly write: boolean,
  ) {}

  /** The session for the one table input among `paths` (a usage error for several, or with dumps). */
  static open(paths: readonly string[], options: TableFlags, ctx: RunContext, session: TableSessionOptions = {}): TableSession {
    const tables = paths.filter(isTableInput);
    if (tables.length > 1) throw new UsageError('give one table input at a time');
    if (paths.length > tables.length) throw new UsageError('a table input (clickhouse://…) cannot be read together with dumps');
    const address = parseTableAddress(tables[0]!, ctx.io.env);
    checkName(address);
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const range = session.write === true ? { fromNs: 0n, toNs: 0n } : timeRange(options, nowNs);
    return new TableSession({ address, ...range }, options.explain === true, ctx, options.queryTimeout ?? DEFAULT_QUERY_TIMEOUT_SEC, session.write === true);
  }

  get address(): TableAddress {
    return this.scope.address;
  }

  /** --explain: prints the statements (with the table check first) and returns true; else false. */
  printPlan(statements: readonly Statement[]): boolean {
    if (!this.explain) return false;
    const all = this.write ? statements : [shapeStatement(this.address), ...statements];
    if (this.ctx.json) {
      this.ctx.io.out(`${renderJson({ table: this.address.display, statements: all.map((s) => ({ purpose: s.purpose, sql: s.sql, params: s.params })) })}\n`);
      return true;
    }
    const blocks = all.map((s, i) => {
      const params = Object.entries(s.params).map(([name, value]) => `--   ${name} = ${describeParam(name, value)}`);
      return [`-- ${i + 1}. ${s.purpose}`, ...(params.length > 0 ? ['-- parameters:', ...params] : []), `${s.sql};`].join('\n');
    });
    this.ctx.io.out(`-- ${this.address.display}\n\n${blocks.join('\n\n')}\n`);
    return true;
  }

  /** Checks the table's shape (exit code 2 when it is not the exporter's). */
  async shape(missingHint = ''): Promise<TableShape> {
    return checkShape(this.address, await this.rows(shapeStatement(this.address)), missingHint);
  }

  async rows(statement: Statement): Promise<Row[]> {
    return this.conn().rows(statement);
  }

  async eachRow(statement: Statement, onRow: (row: Row) => void): Promise<void> {
    return this.conn().eachRow(statement, onRow);
  }

  async command(statement: Statement): Promise<void> {
    return this.conn().command(statement);
  }

  async insert(statement: Statement, body: string): Promise<void> {
    return this.conn().insert(statement, body);
  }

  async close(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
  }

  private conn(): TableConnection {
    this.connection ??= new TableConnection(this.address, { queryTimeoutSec: this.timeoutSec, write: this.write });
    return this.connection;
  }
}

/** Runs `body` with a session and closes it whatever happens. */
export async function withTableSession<T>(session: TableSession, body: (session: TableSession) => Promise<T>): Promise<T> {
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/**
 * The half-open range [from, to) from --since, or --from and --to (default now). One is required:
 * every statement reads only the partitions of its range.
 */
function timeRange(options: TableFlags, nowNs: bigint): { fromNs: bigint; toNs: bigint } {
  const at = (t: TimeArg): bigint => (t.kind === 'at' ? t.ns : nowNs - BigInt(t.ns));
  if (options.since !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw new UsageError('give --since, or --from (and --to), not both');
    return { fromNs: nowNs - BigInt(options.since), toNs: nowNs };
  }
  if (options.from === undefined) {
    throw new UsageError(
      `a table input needs a time range, so that ClickHouse reads only its partitions: --since 1h, or --from TIME [--to TIME]${options.to !== undefined ? ' (--to alone is not enough)' : ''}`,
    );
  }
  const fromNs = at(options.from);
  const toNs = options.to === undefined ? nowNs : at(options.to);
  if (toNs <= fromNs) throw new UsageError(`the time range is empty: --from ${isoFromNanos(fromNs)} is not before --to ${isoFromNanos(toNs)}`);
  return { fromNs, toNs };
}

/**
 * Names travel as Identifier parameters, which the server takes as sent; the client escapes quotes,
 * backslashes and control characters in them, so a name holding one would not arrive as written.
 */
function checkName(address: TableAddress): void {
  for (const [what, name] of [
    ['database', address.database],
    ['table', address.table],
  ] as const) {
    if (/['"\\`\u0000-\u001f\u007f]/.test(name)) throw new UsageError(`${address.display}: the ${what} name '${sanitize(name)}' holds a quote, backslash or control character, which tracectl cannot send as an identifier`);
  }
}

function describeParam(name: string, value: unknown): string {
  if ((name === 'from' || name === 'to') && typeof value === 'string' && /^-?\d+$/.test(value)) return `${value} (${isoFromNanos(BigInt(value))})`;
  if (Array.isArray(value)) return `[${value.map((v) => quote(String(v))).join(', ')}]`;
  return typeof value === 'string' ? quote(value) : String(value);
}

function quote(text: string): string {
  return `'${sanitize(text).replace(/'/g, "\\'")}'`;
}
