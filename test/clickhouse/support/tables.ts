/**
 * The ClickHouse suite's set-up: one engine (chdb behind chdb-server.js) per test file, dumps loaded
 * into tables of their own with `tracectl convert --to clickhouse --create-table`, and the range
 * that holds every span a table can hold.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ROOT, runCli, type CliResult } from '../../helpers/cli.js';
// @ts-expect-error: plain JavaScript (it runs under a plain node too, for the benchmark)
import { startChdbServer } from './chdb-server.js';

export interface ChdbServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly version: string;
  readonly requests: {
    query: string;
    params: Record<string, string>;
    settings: Record<string, string>;
    user: string;
    status: number;
    responseBytes: number;
    error?: { code: number; name: string; message: string };
  }[];
  exec(sql: string, params?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

/** Every span DateTime64(9) can hold: the range for comparing a table with its dump. */
export const WHOLE_RANGE = ['--from', '1900-01-01', '--to', '2262-01-01'];

/** Starts the engine before the file's tests and stops it after; the getter is valid inside tests. */
export function useChdbServer(options: { users?: Record<string, string> } = {}): () => ChdbServer {
  let server: ChdbServer | undefined;
  beforeAll(async () => {
    server = (await startChdbServer(options)) as ChdbServer;
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (server === undefined) throw new Error('the ClickHouse test server has not started');
    return server;
  };
}

let tables = 0;

/** A fresh table name (tables outlive the tests of a file; names never repeat). */
export function freshTable(prefix = 't'): string {
  tables++;
  return `${prefix}_${process.pid}_${tables}`;
}

export function tableUrl(server: ChdbServer, table: string, database = 'default'): string {
  return `clickhouse://${server.host}:${server.port}/${database}?table=${encodeURIComponent(table)}`;
}

export interface LoadedTable {
  readonly url: string;
  readonly table: string;
  /** What convert said (its --json result). */
  readonly convert: { traces: number; spans: number; losses: { code: string; count: number; message: string }[]; repeats: number };
}

/** Loads `dump` into a new table with the exporter's DDL. */
export async function loadTable(server: ChdbServer, dump: string, extra: readonly string[] = []): Promise<LoadedTable> {
  const table = freshTable();
  const url = tableUrl(server, table);
  const result = await runCli(['convert', dump, '--to', 'clickhouse', url, '--create-table', '--json', ...extra]);
  if (result.status !== 0) throw new Error(`convert ${dump} failed (${result.status}): ${result.stderr}`);
  return { url, table, convert: JSON.parse(result.stdout) as LoadedTable['convert'] };
}

/** stdout parsed as JSON, with the warnings (which depend on how the spans were read) left out. */
export function jsonOf(result: CliResult): Record<string, unknown> {
  if (result.status !== 0 && result.status !== 1) throw new Error(`exit ${result.status}: ${result.stderr}`);
  const doc = JSON.parse(result.stdout) as Record<string, unknown>;
  delete doc.warnings;
  delete doc.warningCounts;
  return doc;
}

/** Every fixture that is a trace dump, relative to the project root. */
export function fixtureDumps(): string[] {
  const out: string[] = [];
  const stack = [join(ROOT, 'fixtures')];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (/\.(json|jsonl)(\.gz)?$/.test(name)) out.push(relative(ROOT, path));
    }
  }
  return out.filter((p) => !NOT_DUMPS.has(p) && !p.startsWith('fixtures/bad/')).sort();
}

/** Fixtures that are not trace dumps (budgets, a Tempo search answer, a malformed record). */
const NOT_DUMPS = new Set(['fixtures/check/budgets.json', 'fixtures/url/tempo-search.json']);

export const REAL_TRACES = join(ROOT, '..', 'shared', 'real-traces');

export function realDumps(): string[] {
  if (!existsSync(REAL_TRACES)) throw new Error(`${REAL_TRACES} is missing: the real dumps are part of this suite`);
  const out: string[] = [];
  const stack = [REAL_TRACES];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (/\.(json|jsonl)(\.gz)?$/.test(name)) out.push(path);
    }
  }
  return out.sort();
}
