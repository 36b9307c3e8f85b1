/**
 * The `console` examples of a Markdown page: each `$ tracectl ...` line and the text after it (what
 * the command prints: stdout, then stderr), so a test can run every example and compare. Commands
 * are split into words the way a POSIX shell splits them (single quotes, double quotes, backslash).
 */
export interface ConsoleExample {
  /** The words after `tracectl`. */
  readonly args: string[];
  readonly expected: string;
  /** 1-based line of the command in the page. */
  readonly line: number;
  readonly command: string;
}

export function consoleExamples(markdown: string): ConsoleExample[] {
  const out: ConsoleExample[] = [];
  const lines = markdown.split('\n');
  let inBlock = false;
  let current: { command: string; line: number; body: string[] } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    out.push({ args: shellWords(current.command).slice(1), expected: current.body.join('\n'), line: current.line, command: current.command });
    current = undefined;
  };
  lines.forEach((text, i) => {
    if (!inBlock) {
      if (text.trim() === '```console') inBlock = true;
      return;
    }
    if (text.trim() === '```') {
      flush();
      inBlock = false;
      return;
    }
    if (text.startsWith('$ ')) {
      flush();
      if (!text.startsWith('$ tracectl ')) throw new Error(`line ${i + 1}: a console example runs tracectl, not: ${text}`);
      current = { command: text.slice(2), line: i + 1, body: [] };
      return;
    }
    if (current === undefined) throw new Error(`line ${i + 1}: output before any command`);
    current.body.push(text);
  });
  return out;
}

/** Splits a command line into words as `sh` would (no variables, no globbing). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        text += line[j];
        j++;
      }
      if (j >= line.length) throw new Error(`unterminated " in: ${line}`);
      word = (word ?? '') + text;
      i = j;
    } else if (ch === '\\') {
      word = (word ?? '') + (line[i + 1] ?? '');
      i++;
    } else if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
