/**
 * Terminal input, in raw mode, to key names. A key press arrives as one character or as an escape
 * sequence (xterm's CSI and SS3 forms, which every terminal emulator and tmux send); several may
 * arrive in one read (a paste, keys typed while the screen was busy). A lone ESC is the Escape key.
 *
 * Names: a printable character is itself ("j", "/", "G", " "); other keys are words: up, down, left,
 * right, pageup, pagedown, home, end, tab, shift-tab, enter, escape, backspace, delete, ctrl-c,
 * ctrl-l, ctrl-u, ctrl-w. Sequences not listed are dropped.
 */

export type Key = string;

const CSI_FINAL: Readonly<Record<string, Key>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'shift-tab' };
const CSI_TILDE: Readonly<Record<string, Key>> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '5': 'pageup', '6': 'pagedown' };
const SS3: Readonly<Record<string, Key>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
const CONTROL: Readonly<Record<number, Key>> = { 3: 'ctrl-c', 8: 'backspace', 9: 'tab', 10: 'enter', 12: 'ctrl-l', 13: 'enter', 21: 'ctrl-u', 23: 'ctrl-w', 127: 'backspace' };

export function parseKeys(input: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\x1b') {
      const next = input[i + 1];
      if (next === '[') {
        // CSI: parameters (digits and ;) then one final byte.
        let j = i + 2;
        while (j < input.length && /[0-9;]/.test(input[j]!)) j++;
        if (j >= input.length) break; // cut off mid-sequence: drop the rest
        const params = input.slice(i + 2, j);
        const final = input[j]!;
        const key = final === '~' ? CSI_TILDE[params.split(';')[0] ?? ''] : CSI_FINAL[final];
        if (key !== undefined) keys.push(key);
        i = j + 1;
        continue;
      }
      if (next === 'O' && i + 2 < input.length) {
        const key = SS3[input[i + 2]!];
        if (key !== undefined) keys.push(key);
        i += 3;
        continue;
      }
      keys.push('escape');
      i++;
      continue;
    }
    if (code < 32 || code === 127) {
      const key = CONTROL[code];
      if (key !== undefined) keys.push(key);
      // A terminal sends CR LF for Enter in some modes: one key.
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    const point = input.codePointAt(i)!;
    const char = String.fromCodePoint(point);
    keys.push(char);
    i += char.length;
  }
  return keys;
}

/** Whether the key is a character typed into a prompt (not a named key). */
export function isCharacter(key: Key): boolean {
  return [...key].length === 1;
}
