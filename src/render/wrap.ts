/**
 * Words to lines of at most `width` columns (a word longer than a line gets a line to itself and is
 * cut): for prose notes under a table, which must stay readable at 80 columns. The text's own
 * leading spaces stay on its first line; later lines start with `indent`.
 */
import { displayWidth, truncate } from './text.js';

export function wrap(text: string, width: number, indent = '  '): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  let start = true;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = start ? `${line}${word}` : `${line} ${word}`;
    if (displayWidth(next) <= width || start) {
      line = next;
      start = false;
      continue;
    }
    lines.push(line);
    line = `${indent}${word}`;
  }
  lines.push(line);
  return lines.map((l) => truncate(l, width));
}
