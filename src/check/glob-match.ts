/**
 * Budget targets name services and operations by glob: `*` is any run of characters (none included),
 * everything else is itself. A quoted name in a budget keeps a literal '*' or '\' escaped with '\'
 * (see parse-budget.ts). Names come from dumps and may hold anything, newlines included.
 */

/** A matcher for one pattern; a pattern without '*' compares by equality. */
export function globMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*') && !pattern.includes('\\')) return (name) => name === pattern;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') source += '.*';
    else if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else source += escapeRegExp(ch);
  }
  const re = new RegExp(`^${source}$`, 'su');
  return (name) => re.test(name);
}

/** Whether the pattern has a wildcard (it may then match several names, or none). */
export function isGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*') return true;
  }
  return false;
}

function escapeRegExp(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
