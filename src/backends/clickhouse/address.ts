/**
 * A table input: `clickhouse://[user[:password]@]host[:port]/[database]?table=otel_traces`, the
 * OpenTelemetry Collector exporter's traces table over ClickHouse's HTTP interface (port 8123;
 * `clickhouses://` is HTTPS on 8443). Credentials come from the address or, when it has none, from
 * CLICKHOUSE_USER and CLICKHOUSE_PASSWORD; they are never part of the name shown in messages.
 */
import { UsageError } from '../../errors.js';

export interface TableAddress {
  /** `https:` for clickhouses://. */
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly table: string;
  readonly username: string;
  readonly password: string;
  /** The address as shown in messages and output: no user name, no password. */
  readonly display: string;
}

const SCHEME = /^clickhouse(s?):\/\//i;
const DEFAULT_TABLE = 'otel_traces';

/** Whether an input argument names a ClickHouse table rather than a file or an HTTP URL. */
export function isTableInput(path: string): boolean {
  return SCHEME.test(path);
}

export interface CredentialEnv {
  readonly CLICKHOUSE_USER?: string | undefined;
  readonly CLICKHOUSE_PASSWORD?: string | undefined;
}

/** Parses a table address; a malformed one is a UsageError naming it without its credentials. */
export function parseTableAddress(raw: string, env: CredentialEnv): TableAddress {
  const scheme = SCHEME.exec(raw);
  if (scheme === null) throw new UsageError('a table input starts with clickhouse:// or clickhouses://');
  const secure = scheme[1] !== '';
  let url: URL;
  try {
    url = new URL(`${secure ? 'https' : 'http'}://${raw.slice(scheme[0].length)}`);
  } catch {
    throw new UsageError(`${maskCredentials(raw)} is not a valid address: expected clickhouse://[user[:password]@]host[:port]/[database]?table=NAME`);
  }
  const shown = maskCredentials(raw);
  if (url.hostname === '') throw new UsageError(`${shown}: no host`);
  const path = decodeURIComponent(url.pathname).replace(/^\//, '');
  if (path.includes('/')) throw new UsageError(`${shown}: the path is the database name, one segment (got '${path}')`);
  const unknown = [...url.searchParams.keys()].filter((k) => k !== 'table');
  if (unknown.length > 0) throw new UsageError(`${shown}: unknown parameter '${unknown[0]}' (the address takes ?table=NAME)`);
  const table = url.searchParams.get('table') ?? DEFAULT_TABLE;
  if (table === '') throw new UsageError(`${shown}: ?table= needs a table name`);
  const database = path === '' ? 'default' : path;
  const port = url.port === '' ? (secure ? 8443 : 8123) : Number(url.port);
  const fromUrl = url.username !== '' || url.password !== '';
  const username = fromUrl ? decodeURIComponent(url.username) || 'default' : env.CLICKHOUSE_USER || 'default';
  const password = fromUrl ? decodeURIComponent(url.password) : (env.CLICKHOUSE_PASSWORD ?? '');
  const host = url.hostname;
  return {
    secure,
    host,
    port,
    database,
    table,
    username,
    password,
    display: `clickhouse${secure ? 's' : ''}://${host}:${port}/${encodeURIComponent(database)}?table=${encodeURIComponent(table)}`,
  };
}

/** The address as typed, with anything before an `@` in the authority replaced (for error messages). */
function maskCredentials(raw: string): string {
  return raw.replace(/^(clickhouses?:\/\/)[^/?#]*@/i, '$1***@');
}
