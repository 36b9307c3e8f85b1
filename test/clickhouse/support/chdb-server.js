/**
 * A ClickHouse server for the tests and the benchmark: a small HTTP server that speaks the part of
 * ClickHouse's HTTP interface that @clickhouse/client uses, and executes every statement in the real
 * ClickHouse engine embedded by chdb (installed outside the project by .ci/install-chdb.sh). So the
 * SQL tracectl sends, with its parameters and settings, is parsed and run by ClickHouse itself, on
 * tables made with the exporter's DDL.
 *
 * What it answers, as a ClickHouse server does:
 * - `GET /ping` → `Ok.`;
 * - a statement in the body (or in the `query` URL parameter, with the body as the data of an
 *   INSERT ... FORMAT), its `param_*` values handed to the engine exactly as received (the engine
 *   parses them, as the server does), `database`, and every other URL parameter as a setting;
 * - credentials by Basic authorization, X-ClickHouse-User/Key or user/password parameters;
 * - errors as status 4xx/5xx, an `X-ClickHouse-Exception-Code` header and the body
 *   `Code: N. DB::Exception: message. (NAME) (version …)` the client parses;
 * - `X-ClickHouse-Summary` and gzip responses when the client asks (enable_http_compression=1).
 *
 * Settings: a server gives each request (without a session_id) a context of its own; the embedded
 * engine has one session for all. So nothing a request sets may outlive it: its settings
 * (`readonly`, `max_execution_time`, …) are given to a read statement as a trailing SETTINGS clause,
 * which the engine applies to that statement alone, and its output format to that call alone; its
 * database is chosen anew for every request (`USE`, the default one included); a `SET` statement, which
 * on a server lasts as long as its request, changes nothing; and after every request any setting the
 * session holds that differs from what it held at start is put back. A write statement under
 * `readonly` is refused with the engine's own READONLY error, as a server refuses it.
 *
 * Every request is recorded (statement, parameters, settings, user, status, response bytes) so the
 * tests can check what tracectl sent and how much came back.
 *
 * Plain JavaScript so the benchmark (bench/clickhouse.js, run without a build) can start it too.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, gunzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where .ci/install-chdb.sh installs chdb (CHDB_DIR overrides). */
export const CHDB_DIR = process.env.CHDB_DIR ?? join(ROOT, '.cache', 'chdb');

/** URL parameters of the HTTP interface that are not settings. */
const NOT_SETTINGS = new Set([
  'query',
  'database',
  'query_id',
  'session_id',
  'session_timeout',
  'session_check',
  'default_format',
  'user',
  'password',
  'quota_key',
  'compress',
  'decompress',
  'buffer_size',
  'wait_end_of_query',
  'role',
  'enable_http_compression',
]);

/** Error codes whose HTTP status is not 500 (as the server maps them). */
const HTTP_STATUS = new Map([
  [62, 400], // SYNTAX_ERROR
  [60, 404], // UNKNOWN_TABLE
  [81, 404], // UNKNOWN_DATABASE
  [516, 403], // AUTHENTICATION_FAILED
  [164, 403], // READONLY
  [47, 400], // UNKNOWN_IDENTIFIER
  [456, 400], // UNKNOWN_QUERY_PARAMETER
]);

const READ_STATEMENT = /^(SELECT|WITH|DESCRIBE|DESC|SHOW|EXISTS|EXPLAIN)\b/i;

/** Loads chdb from CHDB_DIR: the module and its native binding (for parameters passed through as received). */
function loadChdb() {
  const pkg = join(CHDB_DIR, 'package.json');
  if (!existsSync(pkg)) throw new Error(`chdb is not installed in ${CHDB_DIR}: run .ci/install-chdb.sh`);
  const require = createRequire(pkg);
  const chdb = require('chdb');
  // The binding itself: chdb's JavaScript layer re-escapes string parameters, while the HTTP
  // interface hands the engine the text the client sent. Calling the binding keeps that text.
  const loader = require(join(require.resolve('chdb').replace(/index\.js$/, ''), 'dist', 'loader.js'));
  return { chdb, native: loader.loadNative() };
}

/**
 * Starts the server on 127.0.0.1 (a free port). `users`: name → password; when given, requests must
 * authenticate as one of them (the default user otherwise). `dataDir`: keep the engine's data there.
 */
export async function startChdbServer({ users, dataDir } = {}) {
  const { chdb, native } = loadChdb();
  const session = dataDir === undefined ? new chdb.Session() : new chdb.Session(dataDir);
  const requests = [];
  let queue = Promise.resolve();
  /** One statement at a time: the engine's parameter state is process-wide. */
  const serial = (fn) => {
    const run = queue.then(fn, fn);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };

  const server = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if ((req.headers['content-encoding'] ?? '') === 'gzip') body = gunzipSync(body);
      handle(req, res, body).catch((err) => {
        res.statusCode = 500;
        res.end(`Code: 1000. DB::Exception: test server: ${err?.message ?? err}. (POCO_EXCEPTION)\n`);
      });
    });
  });

  async function handle(req, res, body) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping') {
      res.end('Ok.\n');
      return;
    }
    const search = url.searchParams;
    const record = { query: '', params: {}, settings: {}, database: search.get('database') ?? 'default', user: 'default', status: 200, responseBytes: 0, rows: 0 };
    requests.push(record);
    const fail = (code, name, message) => {
      record.status = HTTP_STATUS.get(code) ?? 500;
      record.error = { code, name, message };
      res.statusCode = record.status;
      res.setHeader('X-ClickHouse-Exception-Code', String(code));
      res.setHeader('Content-Type', 'text/plain; charset=UTF-8');
      res.end(`Code: ${code}. DB::Exception: ${message}. (${name}) (version ${version})\n`);
    };

    const who = credentials(req, search);
    record.user = who.user;
    if (users !== undefined && users[who.user] !== who.password) {
      fail(516, 'AUTHENTICATION_FAILED', `${who.user}: Authentication failed: password is incorrect, or there is no user with such name`);
      return;
    }

    const inUrl = search.get('query');
    const statement = inUrl ?? body.toString('utf8');
    const data = inUrl !== null ? body : undefined;
    record.query = statement;
    for (const [key, value] of search) {
      if (key.startsWith('param_')) record.params[key.slice('param_'.length)] = value;
      else if (!NOT_SETTINGS.has(key)) record.settings[key] = value;
    }
    const trimmed = stripLeadingComments(statement);
    const read = READ_STATEMENT.test(trimmed);
    if (!read && Number(record.settings.readonly ?? 0) >= 1) {
      fail(164, 'READONLY', `${who.user}: Cannot execute query in readonly mode`);
      return;
    }
    if (/^SET\b/i.test(trimmed)) {
      // A server applies it to this request's context, which ends with the request.
      if (Number(record.settings.readonly ?? 0) >= 1) fail(164, 'READONLY', `${who.user}: Cannot modify setting in readonly mode`);
      else res.end();
      return;
    }
    const useDb = `USE ${quoteIdentifier(record.database)}; `;

    let result;
    try {
      result = await serial(async () => {
        try {
          if (data !== undefined && data.length > 0) {
            // The raw insert path takes no parameters: Identifier ones are put in as the engine reads
            // them (the text as received, as for the other statements).
            return await native.InsertRawAsyncConnection(session.connection, `${useDb}${substituteIdentifiers(statement, record.params)}`, data, true);
          }
          const sql = read ? withSettings(statement, record.settings) : statement;
          const format = search.get('default_format') ?? 'TabSeparated';
          return await native.QueryAsyncConnection(session.connection, `${useDb}${sql}`, format, record.params);
        } finally {
          await restoreSettings();
        }
      });
    } catch (err) {
      const message = String(err?.message ?? err);
      const m = /Code: (\d+)\. DB::Exception: ([\s\S]*?)\s*\(([A-Z0-9_]{3,})\)\s*(?:\(version [^)]*\))?\s*$/.exec(message);
      if (m !== null) fail(Number(m[1]), m[3], m[2].replace(/[.\s]+$/, ''));
      else fail(1001, 'STD_EXCEPTION', message);
      return;
    }
    const bytes = Buffer.from(result.bytes ?? new Uint8Array(0));
    record.responseBytes = bytes.length;
    record.rows = result.rowsRead ?? 0;
    res.setHeader('X-ClickHouse-Query-Id', search.get('query_id') ?? '');
    res.setHeader(
      'X-ClickHouse-Summary',
      JSON.stringify({
        read_rows: String(result.rowsRead ?? 0),
        read_bytes: String(result.bytesRead ?? 0),
        written_rows: String(result.rowsWritten ?? 0),
        written_bytes: String(result.bytesWritten ?? 0),
        total_rows_to_read: '0',
        result_rows: String(result.rowsRead ?? 0),
        result_bytes: String(bytes.length),
        elapsed_ns: String(Math.round((result.elapsed ?? 0) * 1e9)),
      }),
    );
    res.setHeader('Content-Type', 'text/plain; charset=UTF-8');
    const gzip = search.get('enable_http_compression') === '1' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzipSync(bytes));
    } else {
      res.end(bytes);
    }
  }

  /** The settings the session holds that differ from their defaults, by name. */
  const changedSettings = async () => {
    const result = await native.QueryAsyncConnection(session.connection, 'SELECT name, value FROM system.settings WHERE changed', 'JSONEachRow');
    const text = Buffer.from(result.bytes ?? new Uint8Array(0)).toString('utf8');
    return new Map(text.split('\n').filter((l) => l !== '').map((l) => { const { name, value } = JSON.parse(l); return [name, value]; }));
  };
  const initialSettings = await changedSettings();
  /** Puts back every setting that differs from what the session held at start. */
  const restoreSettings = async () => {
    const now = await changedSettings();
    const resets = [];
    for (const [name, value] of now) if (initialSettings.get(name) !== value) resets.push(`${name} = ${initialSettings.has(name) ? literal(initialSettings.get(name)) : 'DEFAULT'}`);
    for (const [name, value] of initialSettings) if (!now.has(name)) resets.push(`${name} = ${literal(value)}`);
    if (resets.length > 0) await native.QueryAsyncConnection(session.connection, `SET ${resets.join(', ')}`, 'TabSeparated');
  };

  const versionResult = await native.QueryAsyncConnection(session.connection, 'SELECT version()', 'TabSeparated');
  const version = Buffer.from(versionResult.bytes).toString('utf8').trim();

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    version,
    requests,
    /** Runs a statement directly in the engine (test set-up), bypassing HTTP. */
    async exec(sql, params = {}) {
      const result = await serial(() => native.QueryAsyncConnection(session.connection, sql, 'JSONEachRow', params));
      return Buffer.from(result.bytes ?? new Uint8Array(0)).toString('utf8');
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await queue;
      session.close();
    },
  };
}

function credentials(req, search) {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  const user = req.headers['x-clickhouse-user'] ?? search.get('user') ?? 'default';
  const password = req.headers['x-clickhouse-key'] ?? search.get('password') ?? '';
  return { user: String(user), password: String(password) };
}

function stripLeadingComments(sql) {
  let s = sql.trimStart();
  for (;;) {
    if (s.startsWith('--')) s = s.slice(s.indexOf('\n') < 0 ? s.length : s.indexOf('\n') + 1).trimStart();
    else if (s.startsWith('/*')) s = s.slice(s.indexOf('*/') < 0 ? s.length : s.indexOf('*/') + 2).trimStart();
    else return s;
  }
}

/** The statement with the request's settings as a trailing SETTINGS clause (values as literals). */
function withSettings(statement, settings) {
  const entries = Object.entries(settings);
  if (entries.length === 0) return statement;
  const clause = entries.map(([k, v]) => `${k.replace(/[^A-Za-z0-9_]/g, '')} = ${literal(v)}`).join(', ');
  return `${statement.replace(/[\s;]+$/, '')}\nSETTINGS ${clause}`;
}

/** A setting's value as an SQL literal. */
function literal(v) {
  return /^-?\d+(\.\d+)?$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function substituteIdentifiers(sql, params) {
  return sql.replace(/\{([A-Za-z0-9_]+):Identifier\}/g, (whole, name) => (name in params ? quoteIdentifier(params[name]) : whole));
}

function quoteIdentifier(name) {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
