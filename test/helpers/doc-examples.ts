/**
 * The documented examples of README.md and docs/, read so a test can run them: the docs cannot
 * drift from what tracectl prints when every example is executed.
 *
 * The rules a page follows (also written in docs/README.md, for whoever writes a page):
 * - An example is a fenced block with the info string `console`. Each command is a line starting
 *   with `$ tracectl ` (environment assignments may come first: `$ GITHUB_ACTIONS=true tracectl …`);
 *   a line ending with a backslash continues on the next line. The lines after a command, up to the
 *   next `$ ` line or the end of the block, are what it prints: stdout, then stderr.
 * - Commands are parsed as a shell would: single and double quotes, backslash escapes, a `# comment`,
 *   and `< file` for standard input. Anything else a shell would interpret (pipes, `>`, `;`, `&`,
 *   `$VAR`, `$(…)`, back quotes, unquoted globs) makes the example an error: such a block is `sh`,
 *   which is never run.
 * - A comment `# exit N` says the command exits with code N; without it the code must be 0.
 * - `$ tracectl` lines belong in console blocks only: one anywhere else (an `sh` or `text` block,
 *   an indented block, plain text) is an error, so no example with output hides from the test.
 * - An example reading ../shared/real-traces/… is run by the real tier (test/real/), the others by
 *   `npm test`.
 * - A file an example writes (`-o`, `--junit`, `--markdown`, `--html`) may be shown in a block whose
 *   info string says `output=PATH` (```` ```xml output=budgets.xml ````): it is compared with the
 *   file the last console block above wrote.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli, ROOT } from './cli.js';

interface DocExample {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the `$ ` line. */
  readonly line: number;
  /** 1-based line where the shown output starts (after continuation lines). */
  readonly outputLine: number;
  /** Which console block of the file (examples of one block share the files they write). */
  readonly block: number;
  /** The command as written, continuation lines joined. */
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  /** The arguments after `tracectl`. */
  readonly args: readonly string[];
  /** The file given with `< file`, as written. */
  readonly stdin: string | undefined;
  readonly exitCode: number;
  /** What the block shows the command printing: stdout, then stderr. */
  readonly expected: string;
  /** Reads a real dump from ../shared/real-traces (the real tier). */
  readonly real: boolean;
  /** Files the block's commands wrote, shown in blocks after it: checked after this command. */
  readonly files: DocFile[];
}

/** A block with `output=PATH` in its info string: the file a console block above wrote. */
interface DocFile {
  readonly line: number;
  readonly path: string;
  readonly expected: string;
}

interface DocProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

interface DocExamples {
  readonly examples: DocExample[];
  readonly problems: DocProblem[];
}

/** README.md and every Markdown file below docs/, relative to the root, sorted. */
function docFiles(root: string = ROOT): string[] {
  const files = ['README.md'];
  const stack = ['docs'];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue; // no docs/ folder yet: README.md alone
    }
    for (const name of names) {
      const path = `${dir}/${name}`;
      if (name.endsWith('.md')) files.push(path);
      else if (!name.includes('.')) stack.push(path);
    }
  }
  return files.sort();
}

/** Every example and every problem of the documentation under `root`. */
export function readDocExamples(root: string = ROOT): DocExamples {
  const examples: DocExample[] = [];
  const problems: DocProblem[] = [];
  for (const file of docFiles(root)) {
    const parsed = parseDocExamples(readFileSync(join(root, file), 'utf8'), file);
    examples.push(...parsed.examples);
    problems.push(...parsed.problems);
  }
  return { examples, problems };
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** A prompt with a tracectl command, with optional environment assignments before it. */
const TRACECTL_PROMPT = /^\s*\$ +(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*tracectl(?:\s|$)/;
const REAL_DUMPS = '../shared/real-traces/';

/** The examples and problems of one Markdown text. */
export function parseDocExamples(text: string, file: string): DocExamples {
  const lines = text.split('\n');
  const examples: DocExample[] = [];
  const problems: DocProblem[] = [];
  const problem = (line: number, message: string): void => void problems.push({ file, line, message });
  let block = 0;
  let i = 0;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i]!);
    const fence = open?.[2] ?? '';
    const info = (open?.[3] ?? '').trim();
    // A backtick fence whose info string holds a backtick is no fence (CommonMark): plain text.
    if (open === null || (fence.startsWith('`') && info.includes('`'))) {
      if (TRACECTL_PROMPT.test(lines[i]!)) problem(i + 1, 'a `$ tracectl` line outside a ```console block');
      i += 1;
      continue;
    }
    const start = i;
    const body: string[] = [];
    i += 1;
    let closed = false;
    while (i < lines.length) {
      const close = FENCE.exec(lines[i]!);
      if (close !== null && close[2]!.startsWith(fence[0]!) && close[2]!.length >= fence.length && close[3]!.trim() === '') {
        closed = true;
        break;
      }
      // Content to CommonMark, but in these docs a mistake: a closing fence with text after it, or
      // an opening fence where the previous block's closing one is missing. Either shifts every
      // block after it.
      if (close !== null && close[2]!.startsWith(fence[0]!) && close[2]!.length >= fence.length) {
        problem(i + 1, 'a fence line with text after it inside a code block: a closing fence is missing or has text after it');
      }
      body.push(lines[i]!);
      i += 1;
    }
    if (!closed) {
      problem(start + 1, `a code fence opened here is never closed`);
      break;
    }
    i += 1;
    const language = info.split(/\s+/)[0] ?? '';
    const shown = /(?:^|\s)output=(\S+)/.exec(info)?.[1];
    if (shown !== undefined) {
      const owner = examples.at(-1);
      if (owner === undefined || owner.block !== block) problem(start + 1, `a block showing the file ${shown} without a console block above it`);
      else owner.files.push({ line: start + 1, path: shown, expected: body.length === 0 ? '' : `${body.join('\n')}\n` });
    }
    if (language !== 'console') {
      body.forEach((line, k) => {
        if (TRACECTL_PROMPT.test(line)) problem(start + 2 + k, `a \`$ tracectl\` line in a \`\`\`${language || '(no info string)'} block: examples with a prompt go in \`\`\`console blocks, commands without output in \`\`\`sh blocks without the prompt`);
      });
      continue;
    }
    block += 1;
    parseConsoleBlock(body, start + 2, block, file, examples, problem);
  }
  return { examples, problems };
}

function parseConsoleBlock(
  body: readonly string[],
  firstLine: number,
  block: number,
  file: string,
  examples: DocExample[],
  problem: (line: number, message: string) => void,
): void {
  if (!body[0]?.startsWith('$ ')) {
    problem(firstLine, 'a ```console block must start with a `$ tracectl` command');
    return;
  }
  let k = 0;
  while (k < body.length) {
    const line = firstLine + k;
    // Every turn starts at a `$ ` line: the first line is one, and output stops at the next.
    let command = body[k]!.slice(2);
    while (/\\\s*$/.test(command) && k + 1 < body.length) {
      k += 1;
      command = `${command.replace(/\\\s*$/, '')} ${body[k]!.trim()}`;
    }
    k += 1;
    const outputLine = firstLine + k;
    const output: string[] = [];
    while (k < body.length && !body[k]!.startsWith('$ ')) {
      output.push(body[k]!);
      k += 1;
    }
    const parsed = parseCommand(command);
    if (typeof parsed === 'string') {
      problem(line, `${parsed}: \`${command}\``);
      continue;
    }
    const real = [...parsed.args, parsed.stdin ?? ''].some((arg) => arg.includes(REAL_DUMPS));
    const expected = output.length === 0 ? '' : `${output.join('\n')}\n`;
    examples.push({ file, line, outputLine, block, command, env: parsed.env, args: parsed.args, stdin: parsed.stdin, exitCode: parsed.exitCode, expected, real, files: [] });
  }
}

interface ParsedCommand {
  readonly env: Record<string, string>;
  readonly args: string[];
  readonly stdin: string | undefined;
  readonly exitCode: number;
}

/**
 * A command line split the way a POSIX shell splits it, for the subset a documented example may use;
 * a message for anything outside that subset.
 */
export function parseCommand(command: string): ParsedCommand | string {
  const words: { text: string; quoted: boolean }[] = [];
  let stdin: string | undefined;
  let exitCode = 0;
  let word: string | undefined;
  let quoted = false;
  let redirect = false;
  const end = (): string | undefined => {
    if (word === undefined) return undefined;
    if (redirect) {
      if (stdin !== undefined) return 'standard input given twice';
      stdin = word;
      redirect = false;
    } else words.push({ text: word, quoted });
    word = undefined;
    quoted = false;
    return undefined;
  };
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      end();
    } else if (c === "'") {
      const close = command.indexOf("'", i + 1);
      if (close < 0) return 'an unclosed single quote';
      word = (word ?? '') + command.slice(i + 1, close);
      quoted = true;
      i = close;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j += 1) {
        const d = command[j]!;
        if (d === '$' || d === '`') return 'an expansion inside double quotes: the shell would change it (use single quotes)';
        if (d === '\\' && j + 1 < command.length && '"\\$`'.includes(command[j + 1]!)) {
          j += 1;
          text += command[j]!;
        } else text += d;
      }
      if (j >= command.length) return 'an unclosed double quote';
      word = (word ?? '') + text;
      quoted = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= command.length) return 'a backslash at the end of the command';
      word = (word ?? '') + command[i + 1]!;
      quoted = true;
      i += 1;
    } else if (c === '#' && word === undefined) {
      const comment = /^#\s*exit\s+(\d+)\s*$/.exec(command.slice(i));
      if (comment !== null) exitCode = Number(comment[1]);
      break;
    } else if (c === '<' && word === undefined) {
      if (redirect) return "'<<' is shell syntax";
      redirect = true;
    } else if ('|&;>()`$'.includes(c)) {
      return `'${c}' is shell syntax: a command with pipes, redirections or expansions belongs in a \`\`\`sh block`;
    } else if ('*?[]{}'.includes(c) || (c === '~' && word === undefined)) {
      return `an unquoted '${c}' the shell would expand: quote it`;
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  if (redirect) return "'<' without a file";
  const env: Record<string, string> = {};
  let n = 0;
  for (; n < words.length; n += 1) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[n]!.text);
    if (assignment === null || words[n]!.text.indexOf('=') !== assignment[1]!.length) break;
    env[assignment[1]!] = assignment[2]!;
  }
  if (words[n]?.text !== 'tracectl' || words[n]!.quoted) return 'not a tracectl command: a ```console block holds tracectl commands only (use ```sh for others)';
  return { env, args: words.slice(n + 1).map((w) => w.text), stdin, exitCode };
}

/** Options whose value is a file the command writes: run against a temporary directory. */
const OUTPUT_OPTIONS = new Set(['-o', '--output', '--junit', '--markdown', '--html']);

interface RunResult {
  /** stdout then stderr, normalised as documented below. */
  readonly actual: string;
  readonly status: number;
}

/**
 * Runs an example the way the docs promise: in-process, from the repository root, no terminal,
 * NO_COLOR, so the width is 120 unless the example gives --width.
 *
 * `outputs` maps the files a block's commands write (as written) to their place in `tmp`, so a later
 * command of the same block reads what an earlier one wrote.
 */
async function runDocExample(example: DocExample, tmp: string, outputs: Map<string, string>): Promise<RunResult> {
  const args = example.args.map((arg, n) => {
    const previous = example.args[n - 1];
    if (previous !== undefined && OUTPUT_OPTIONS.has(previous) && arg !== '-' && !outputs.has(arg)) {
      if (isAbsolute(arg)) throw new Error(`${example.file}:${example.line}: an output path must be relative (docs name no machine paths): ${arg}`);
      // A file of the repository (an input, to show that tracectl refuses to write over it) is
      // passed as it is; an example that would succeed in writing over it is a mistake.
      if (existsSync(join(ROOT, arg))) {
        if (example.exitCode === 0) throw new Error(`${example.file}:${example.line}: the example would write over ${arg} of the repository`);
        return arg;
      }
      const path = join(tmp, arg);
      mkdirSync(dirname(path), { recursive: true });
      outputs.set(arg, path);
      return path;
    }
    return outputs.get(arg) ?? arg;
  });
  const stdinPath = example.stdin === undefined ? undefined : (outputs.get(example.stdin) ?? join(ROOT, example.stdin));
  const input = stdinPath === undefined ? undefined : readFileSync(stdinPath);
  const result = await runCli(args, { input, env: example.env });
  let actual = result.stdout + result.stderr;
  // Normalised: files an example writes go to a temporary directory instead of the working tree;
  // the temporary path is taken out again, so messages name the file as the example wrote it.
  actual = actual.split(`${tmp}/`).join('');
  // Normalised: with `record --port 0` the system chooses the port; any port in the example matches.
  if (example.args[0] === 'record' && hasOption(example.args, '--port', '0')) actual = actual.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  return { actual: withoutTrailingSpaces(actual), status: result.status };
}

/** The example's expected text, normalised as `runDocExample` normalises what the command printed. */
function expectedText(example: DocExample): string {
  let expected = example.expected;
  if (example.args[0] === 'record' && hasOption(example.args, '--port', '0')) expected = expected.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  return withoutTrailingSpaces(expected);
}

function hasOption(args: readonly string[], name: string, value: string): boolean {
  return args.some((arg, n) => (arg === name && args[n + 1] === value) || arg === `${name}=${value}`);
}

/** Trailing spaces of lines are not compared: editors and Markdown tools strip them. */
function withoutTrailingSpaces(text: string): string {
  return text.replace(/[ \t]+$/gm, '');
}

/** A short name for a test: where the example is and what it runs. */
function exampleName(example: DocExample): string {
  const command = example.command.length > 90 ? `${example.command.slice(0, 89)}…` : example.command;
  return `${example.file}:${example.line} ${command}`;
}

/**
 * One test per example, in document order; the examples of a block share a temporary directory for
 * the files they write, removed at the end.
 */
export function defineExampleTests(examples: readonly DocExample[]): void {
  const blocks = new Map<string, { tmp: string; outputs: Map<string, string> }>();
  // UPDATE_DOC_EXAMPLES=1 writes what each command printed into the page instead of failing, for a
  // change that alters output on purpose; the diff is then reviewed like any other change.
  const update = process.env.UPDATE_DOC_EXAMPLES === '1';
  const rewrites: { example: DocExample; actual: string }[] = [];
  afterAll(() => {
    for (const { tmp } of blocks.values()) rmSync(tmp, { recursive: true, force: true });
    if (update) applyRewrites(rewrites);
  });
  for (const example of examples) {
    it(exampleName(example), async () => {
      const key = `${example.file}#${example.block}`;
      let shared = blocks.get(key);
      if (shared === undefined) {
        shared = { tmp: mkdtempSync(join(tmpdir(), 'tracectl-docs-')), outputs: new Map() };
        blocks.set(key, shared);
      }
      const { actual, status } = await runDocExample(example, shared.tmp, shared.outputs);
      if (update && actual !== expectedText(example)) rewrites.push({ example, actual });
      else expect(actual, `${example.file}:${example.line}: what \`${example.command}\` prints (stdout, then stderr)`).toBe(expectedText(example));
      expect(status, `${example.file}:${example.line}: the exit code (write \`# exit N\` after a command that exits N)`).toBe(example.exitCode);
      for (const file of example.files) {
        const path = shared.outputs.get(file.path);
        expect(path, `${example.file}:${file.line}: no command of the console block above writes ${file.path}`).toBeDefined();
        expect(withoutTrailingSpaces(readFileSync(path!, 'utf8')), `${example.file}:${file.line}: the file ${file.path}`).toBe(withoutTrailingSpaces(file.expected));
      }
    });
  }
}

/** Replaces each example's shown output with what it printed, bottom-up so line numbers hold. */
function applyRewrites(rewrites: readonly { example: DocExample; actual: string }[]): void {
  const byFile = new Map<string, { example: DocExample; actual: string }[]>();
  for (const r of rewrites) byFile.set(r.example.file, [...(byFile.get(r.example.file) ?? []), r]);
  for (const [file, list] of byFile) {
    const path = join(ROOT, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const { example, actual } of [...list].sort((a, b) => b.example.outputLine - a.example.outputLine)) {
      const shown = example.expected === '' ? 0 : example.expected.split('\n').length - 1;
      const printed = actual === '' ? [] : actual.replace(/\n$/, '').split('\n');
      lines.splice(example.outputLine - 1, shown, ...printed);
    }
    writeFileSync(path, lines.join('\n'));
  }
}
