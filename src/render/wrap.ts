/**
 * Words to lines of at most `width` columns (a word longer than a line gets a line to itself and is
 * cut): for prose notes under a table, which must stay readable at 80 columns.
 */
import { displayWidth, truncate } from './text.js';

export function wrap(text: string, width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (displayWidth(next) <= width || line === '') {
      line = next;
      continue;
    }
    lines.push(line);
    line = `${indent}${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => truncate(l, width));
}
