/** Raw terminal input to key names: what xterm and tmux send for each key. */
import { describe, expect, it } from 'vitest';
import { parseKeys } from '../../src/ui/keys.js';

describe('parseKeys', () => {
  it('names arrows, paging, Home/End in their CSI and SS3 forms', () => {
    expect(parseKeys('\x1b[A\x1b[B\x1b[C\x1b[D')).toEqual(['up', 'down', 'right', 'left']);
    expect(parseKeys('\x1bOA\x1bOD')).toEqual(['up', 'left']);
    expect(parseKeys('\x1b[5~\x1b[6~\x1b[1~\x1b[4~\x1b[H\x1b[F\x1b[Z')).toEqual(['pageup', 'pagedown', 'home', 'end', 'home', 'end', 'shift-tab']);
    // A modifier parameter (Ctrl-Up) still names the key.
    expect(parseKeys('\x1b[1;5A')).toEqual(['up']);
  });

  it('a lone ESC is Escape; control characters are named; Enter as CR, LF or CR LF is one key', () => {
    expect(parseKeys('\x1b')).toEqual(['escape']);
    expect(parseKeys('\x03\x7f\x15\x17\t\x0c')).toEqual(['ctrl-c', 'backspace', 'ctrl-u', 'ctrl-w', 'tab', 'ctrl-l']);
    expect(parseKeys('\r\n\r\n')).toEqual(['enter', 'enter']);
    expect(parseKeys('\r\r\n\n')).toEqual(['enter', 'enter', 'enter']);
  });

  it('several keys in one read (a paste, a held key) are all kept, characters beyond the BMP whole', () => {
    expect(parseKeys('jjk/db\r')).toEqual(['j', 'j', 'k', '/', 'd', 'b', 'enter']);
    expect(parseKeys('é😀')).toEqual(['é', '😀']);
  });

  it('drops sequences it does not know, and one cut off at the end of the read', () => {
    expect(parseKeys('\x1b[99~j\x1b[')).toEqual(['j']);
    expect(parseKeys('\x01j')).toEqual(['j']);
  });
});
