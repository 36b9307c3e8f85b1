/**
 * Appends lines one by one. `lines.push(...more)` passes every line as an argument, and a table of a
 * million rows (a critical path through a million-deep chain) overflows the call stack that way.
 */
export function appendLines(target: string[], more: Iterable<string>): void {
  for (const line of more) target.push(line);
}
