/**
 * `tracectl --help` without loading commander or any command's flags. commander and the sixteen
 * flag modules cost about 70 ms of start-up for a page that only changes when the program does, so
 * the build writes the page's parts (usage, description, options, commands, the text after them) to
 * dist/cli/top-help.json (scripts/write-top-help.mjs, from the program itself), and this lays them
 * out at the help width exactly as commander's Help does. test/cli/top-help.test.ts holds the two
 * to the same text at every width; where the file is missing (the sources run directly), the
 * caller falls back to commander.
 */
import { readFileSync } from 'node:fs';
import type { Io } from './io.js';

export interface TopHelp {
  readonly usage: string;
  readonly description: string;
  /** Headed lists of term and description, in commander's order (options, then commands). */
  readonly sections: readonly { readonly heading: string; readonly items: readonly (readonly [string, string])[] }[];
  /** The text added after the help (commander's addHelpText 'after'), as written. */
  readonly after: string;
}

/** The width commander wraps help at: the terminal's when stdout is one, else 80. */
export function helpWidth(io: Pick<Io, 'stdoutIsTTY' | 'columns'>): number {
  return io.stdoutIsTTY && io.columns !== undefined && io.columns > 0 ? io.columns : 80;
}

/** Prints the top-level help from the built page; false when the build wrote none (use commander). */
export function printTopHelp(io: Io): boolean {
  let help: TopHelp;
  try {
    help = JSON.parse(readFileSync(new URL('./top-help.json', import.meta.url), 'utf8')) as TopHelp;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  io.out(formatTopHelp(help, helpWidth(io)));
  return true;
}

// commander's Help: items indented 2, 2 spaces between term and description, no wrapping when
// fewer than 40 columns are left for it.
const INDENT = 2;
const SPACER = 2;
const MIN_WIDTH_TO_WRAP = 40;

/** The page as `program.outputHelp()` writes it: the help (its last line empty), the text after, a newline. */
export function formatTopHelp(help: TopHelp, width: number): string {
  const termWidth = Math.max(0, ...help.sections.flatMap((s) => s.items.map(([term]) => term.length)));
  const lines = [`Usage: ${help.usage}`, ''];
  if (help.description.length > 0) lines.push(boxWrap(help.description, width), '');
  for (const section of help.sections) {
    if (section.items.length === 0) continue;
    lines.push(section.heading, ...section.items.map(([term, description]) => formatItem(term, termWidth, description, width)), '');
  }
  return `${lines.join('\n')}${help.after}\n`;
}

function formatItem(term: string, termWidth: number, description: string, width: number): string {
  const indent = ' '.repeat(INDENT);
  if (description === '') return indent + term;
  const remaining = width - termWidth - SPACER - INDENT;
  const preformatted = /\n[^\S\r\n]/.test(description);
  const text =
    remaining < MIN_WIDTH_TO_WRAP || preformatted ? description : boxWrap(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + SPACER)}`);
  return indent + term.padEnd(termWidth) + ' '.repeat(SPACER) + text.replace(/\n/g, `\n${indent}`);
}

/** Wraps at whitespace, keeping the text's own line breaks (a word longer than the width stays whole). */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/\s*\S+/g);
    if (chunks === null) {
      out.push('');
      continue;
    }
    let current = [chunks[0]!];
    let used = chunks[0]!.length;
    for (const chunk of chunks.slice(1)) {
      if (used + chunk.length <= width) {
        current.push(chunk);
        used += chunk.length;
        continue;
      }
      out.push(current.join(''));
      const next = chunk.trimStart();
      current = [next];
      used = next.length;
    }
    out.push(current.join(''));
  }
  return out.join('\n');
}
