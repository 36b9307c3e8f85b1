/** `tracectl redact [path] -o OUT`: a copy of a dump that is safe to share; a summary on stderr. */
import { UsageError } from '../../errors.js';
import { STDIN_NAME } from '../../input/open-input.js';
import { AtomicFile } from '../../output/atomic-file.js';
import { inputAtOutput } from '../../output/same-file.js';
import { redactDump, type RedactResult } from '../../redact/redact-dump.js';
import { sanitize } from '../../render/sanitize.js';
import type { Io } from '../io.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface RedactCliOptions extends CommonOptions {
  readonly output: string;
  readonly hashNames?: boolean;
  readonly keep?: string[];
  readonly remapIds?: boolean;
}

export async function run(paths: string[], options: RedactCliOptions, io: Io): Promise<void> {
  if (paths.length > 1) throw new UsageError('redact reads one dump at a time: give one path, or "-" for standard input');
  if (options.where !== undefined) throw new UsageError('redact copies the whole dump: --where does not apply (filter the redacted copy with the other commands)');
  const input = paths[0] ?? STDIN_NAME;
  const toStdout = options.output === '-';
  if (toStdout && options.json === true) throw new UsageError('--json prints the summary on standard output: it does not go with -o -');
  const ctx = runContext(options, io);
  const place = { stdin: io.stdin, cwd: io.cwd, http: ctx.http };
  const redactOptions = { hashNames: options.hashNames === true, remapIds: options.remapIds === true, keep: new Set(options.keep ?? []) };
  const format = ctx.format !== undefined ? { format: ctx.format } : {};

  let result: RedactResult;
  if (toStdout) {
    // Plain JSON text on stdout (a gzip input is written uncompressed).
    result = await redactDump(input, place, redactOptions, { write: async (chunk) => io.out(chunk.toString()) }, { ...format, gzipLikeInput: false });
  } else {
    const clash = await inputAtOutput(options.output, [input], io.cwd);
    if (clash !== undefined) throw new UsageError(`the output ${options.output} is the input ${clash}: write the redacted dump to another file`);
    const file = await AtomicFile.open(options.output, io.cwd);
    try {
      result = await redactDump(input, place, redactOptions, file, format);
    } catch (err) {
      await file.abort();
      throw err;
    }
    await file.commit();
  }

  const summary = summarize(result, options.output);
  if (!ctx.json && !ctx.quiet) io.err(`${summaryLines(summary).join('\n')}\n`);
  if (ctx.json) emit(ctx, summary, () => []);
  else emit(ctx, {}, () => []);
}

export interface RedactSummary {
  readonly input: string;
  readonly output: string;
  readonly formats: string[];
  readonly gzip: boolean;
  readonly records: number;
  /** Attribute values dropped because of their key, per key. */
  readonly secretAttributes: { key: string; count: number }[];
  readonly replaced: { emails: number; ipAddresses: number; credentials: number; jwts: number; cardNumbers: number };
  readonly hashedNames: { services: number; operations: number };
  readonly remappedIds: number;
}

function summarize(r: RedactResult, output: string): RedactSummary {
  const red = r.redactor;
  return {
    input: r.input,
    output,
    formats: r.formats,
    gzip: r.gzip,
    records: r.records,
    secretAttributes: [...red.secretKeys].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    replaced: { emails: red.found.email, ipAddresses: red.found.ip, credentials: red.found.bearer, jwts: red.found.jwt, cardNumbers: red.found.card },
    hashedNames: { services: red.services.count, operations: red.operations.count },
    remappedIds: red.ids.count,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The summary for people: what was replaced, one kind per line; names from the dump escaped. */
export function summaryLines(s: RedactSummary): string[] {
  const where = s.output === '-' ? 'standard output' : s.output;
  const lines = [`tracectl: redacted ${sanitize(s.input)} (${s.formats.join(', ')}${s.gzip ? ', gzip' : ''}, ${plural(s.records, 'record')}) to ${sanitize(where)}`];
  const secret = s.secretAttributes.reduce((n, k) => n + k.count, 0);
  if (secret > 0) {
    const keys = s.secretAttributes.slice(0, 8).map((k) => `${sanitize(k.key)} ×${k.count}`);
    const more = s.secretAttributes.length > 8 ? `, and ${s.secretAttributes.length - 8} more keys` : '';
    lines.push(`  ${plural(secret, 'secret attribute value')} dropped: ${keys.join(', ')}${more}`);
  }
  const r = s.replaced;
  const found = [
    r.emails > 0 ? plural(r.emails, 'e-mail address', 'e-mail addresses') : '',
    r.ipAddresses > 0 ? plural(r.ipAddresses, 'IP address', 'IP addresses') : '',
    r.credentials > 0 ? plural(r.credentials, 'credential') : '',
    r.jwts > 0 ? plural(r.jwts, 'JWT') : '',
    r.cardNumbers > 0 ? plural(r.cardNumbers, 'card number') : '',
  ].filter((p) => p !== '');
  if (found.length > 0) lines.push(`  replaced: ${found.join(', ')}`);
  if (s.hashedNames.services + s.hashedNames.operations > 0) {
    lines.push(`  hashed: ${plural(s.hashedNames.services, 'service name')}, ${plural(s.hashedNames.operations, 'operation name')}`);
  }
  if (s.remappedIds > 0) lines.push(`  remapped: ${plural(s.remappedIds, 'id')}`);
  if (lines.length === 1) lines.push('  nothing looked secret; the dump was copied as it was');
  return lines;
}
