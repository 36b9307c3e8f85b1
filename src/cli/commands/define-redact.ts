import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineRedact(program: Command, io: Io): void {
  dumpCommand(program, io, 'redact', 'make a dump safe to attach to a ticket: secrets, personal data and (optionally) names and ids replaced', () => import('./redact.js') as Promise<{ run: RunFn }>)
    .requiredOption('-o, --output <path>', 'where to write the redacted dump (same format as the input; "-" for standard output)')
    .option('--hash-names', 'replace service and operation names with stable short hashes (svc-…, op-…)')
    .option('--keep <keys>', 'keep these attributes as they are (comma-separated keys)', parseKeys)
    .option('--remap-ids', 'replace trace and span ids with others, consistently (parents and links still match)')
    .addHelpText(
      'after',
      `
What is replaced:
  attribute values whose key looks secret: authorization, cookie, set-cookie, token,
    secret, password, api key, session, credential (any case and separators)  → [redacted]
  in any other string: e-mail addresses → [email], IP addresses → addresses from the
    documentation ranges (one per address), Bearer/Basic credentials → [token],
    URL passwords (scheme://user:PASSWORD@host) → [redacted],
    JWTs → [jwt], card numbers (Luhn-checked) → [card]
The output has the same format, envelope, structure and timings as the input, so every
tracectl command gives the same results on it (with --hash-names, under the hashed names).
A summary of what was replaced goes to standard error (--json: on standard output).
The file is written to a temporary file and renamed; writing over the input is refused.`,
    );
}

function parseKeys(value: string): string[] {
  const keys = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length === 0) throw new UsageError('--keep needs at least one attribute key, e.g. --keep http.url,user.id');
  return keys;
}
