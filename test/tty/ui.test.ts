/**
 * `tracectl ui` in a real terminal (tmux): the built binary on a fixture dump, driven by keys as a
 * person would, the screen read back after each step; the terminal given back on the way out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT, runCli } from '../helpers/cli.js';
import { TmuxSession } from './tmux-session.js';

const DUMP = fixture('errors/otlp-shop.json');
const tracectl = `'${process.execPath}' '${BIN}'`;
/** Printed before the UI starts: it must be on the screen again once the UI has gone. */
const BEFORE = 'shell line before the ui';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

function start(command: string): TmuxSession {
  session = new TmuxSession(`echo '${BEFORE}'\n${command}`, { width: 100, height: 30, cwd: ROOT });
  return session;
}

const cursorRow = (screen: string[]): string => screen.find((l) => l.startsWith('› '))?.slice(2) ?? '';

describe('tracectl ui in a terminal (tmux)', () => {
  it('list → trace → fold → span detail → next error → search → back → quit: exit 0, screen restored', async () => {
    const t = start(`${tracectl} ui '${DUMP}'`);
    let screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Traces'), 'the trace list');
    expect(t.alternate()).toBe(true);
    expect(screen[0]).toBe('tracectl Traces · 5 traces, 21 spans · ? keys · q quit');
    expect(cursorRow(screen)).toMatch(/^e1e1e1e1e1e1e1e1 +frontend GET \/checkout/);

    t.keys('j', 'Down', 'Enter');
    screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Trace ·'), 'the Trace screen');
    expect(screen[1]).toBe('Trace e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3');
    expect(cursorRow(screen)).toMatch(/^◆ ← frontend GET \/product +60\.0ms █/);
    // The detail pane: the selected span as `tracectl span` shows it.
    expect(screen).toContain('Span b300000000000001  frontend GET /product');

    t.keys('j', 'Enter');
    screen = await t.waitFor((s) => cursorRow(s).includes('▸3'), 'the folded subtree');
    expect(cursorRow(screen)).toMatch(/^◆ └─← catalog GetProduct ▸3 55\.0ms/);
    expect(screen.filter((l) => l.includes('█'))).toHaveLength(2);
    expect(screen).toContain('Span b300000000000002  catalog GetProduct');

    t.keys('e');
    screen = await t.waitFor((s) => s[29] === 'error 1 of 1', 'the next error');
    expect(cursorRow(screen)).toMatch(/^◆ {3}├─✗ → catalog cache Get 20\.0ms/);
    expect(screen).toContain('Span b300000000000003  catalog cache Get  ✗ error');

    t.keys('/');
    t.literal('db');
    await t.waitFor((s) => s[29]!.startsWith('/db_'), 'the search prompt');
    t.keys('Enter');
    screen = await t.waitFor((s) => s[29] === "1 span match 'db' (n / N: next / previous)", 'the search result');
    expect(cursorRow(screen)).toMatch(/^◆ {3}└─→ catalog db Query +25\.0ms/);

    t.keys('Escape');
    screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Traces'), 'the list again');
    expect(cursorRow(screen)).toMatch(/^e3e3e3e3e3e3e3e3/);

    t.keys('q');
    expect(await t.exitStatus()).toBe(0);
    expect(t.alternate()).toBe(false);
    screen = t.screen();
    expect(screen[0]).toBe(BEFORE);
    expect(screen.join('\n')).not.toContain('tracectl Trace');
  });

  it('3 → Services, o → by operation, Enter → the traces of that row, Esc → back, q: exit 0', async () => {
    const t = start(`${tracectl} ui '${DUMP}'`);
    await t.waitFor((s) => s[0]!.startsWith('tracectl Traces'), 'the trace list');
    t.keys('3');
    let screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Services'), 'the Services screen');
    // `tracectl latency` as it prints it 98 columns wide (two go to the cursor mark).
    const latency = (await runCli(['latency', DUMP, '--width', '98'])).stdout.split('\n').slice(0, 7);
    expect(screen.slice(2, 9)).toEqual(latency.map((l) => `  ${l}`.trimEnd()));
    expect(cursorRow(screen)).toBe('Latency by service  (o: by operation)');
    expect(screen).toContain('  Error signatures');
    expect(screen).toContain('  2 traces fail in payments Charge: TimeoutError');

    t.keys('o');
    screen = await t.waitFor((s) => s[29] === 'latency by operation', 'the table by operation');
    expect(screen[1]).toBe('› Latency by operation  (o: by service)');
    t.keys('j', 'j', 'j', 'j', 'j', 'j', 'Enter'); // frontend GET /home
    screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Traces'), 'the narrowed list');
    expect(screen[1]).toBe('Traces with operation frontend GET /home · Esc clears');
    expect(screen.filter((l) => /^[› ] e\d/.test(l)).map((l) => l.slice(2, 18))).toEqual(['e4e4e4e4e4e4e4e4']);

    t.keys('Escape');
    screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Services'), 'Services again');
    expect(cursorRow(screen)).toMatch(/^frontend +GET \/home +1 +1 +100%/);

    t.keys('q');
    expect(await t.exitStatus()).toBe(0);
    expect(t.alternate()).toBe(false);
    expect(t.screen()[0]).toBe(BEFORE);
  });

  it('follows a resize: the list is redrawn at the new width (100 → 70 columns)', async () => {
    const t = start(`${tracectl} ui '${DUMP}'`);
    await t.waitFor((s) => s[0]!.startsWith('tracectl Traces'), 'the trace list');
    t.keys('s');
    await t.waitFor((s) => s[29] === 'sorted by duration', 'the new sort');
    t.resize(70, 30);
    // The list as `tracectl traces` prints it 68 columns wide (two go to the cursor mark).
    const listed = (await runCli(['traces', DUMP, '-q', '--sort', 'duration', '--width', '68'])).stdout.split('\n').slice(0, 6);
    const expected = listed.map((l, i) => `${i === 1 ? '›' : ' '} ${l}`.trimEnd());
    const screen = await t.waitFor((s) => s[1] === expected[0], 'the list at 70 columns');
    expect(screen.slice(1, 7)).toEqual(expected);
    expect(screen[0]).toBe('tracectl Traces · 5 traces, 21 spans · ? keys · q quit');
    t.keys('C-c');
    expect(await t.exitStatus()).toBe(0);
    expect(t.alternate()).toBe(false);
  });

  it('SIGTERM: the terminal is given back (main screen, keys echoed again) and the run ends', async () => {
    const t = start(`${tracectl} ui '${DUMP}'`);
    await t.waitFor((s) => s[0]!.startsWith('tracectl Traces'), 'the trace list');
    process.kill(t.commandPid(), 'SIGTERM');
    expect(await t.exitStatus()).toBe(0);
    expect(t.alternate()).toBe(false);
    expect(t.screen()[0]).toBe(BEFORE);
    // Out of raw mode: what is typed is echoed by the terminal again.
    t.literal('echoed');
    await t.waitFor((s) => s.some((l) => l.includes('echoed')), 'the typed text echoed');
  });

  it('refuses, exit 2 and one line, when stdout is not a terminal or the dump is on stdin', async () => {
    const t = start(
      [
        `${tracectl} ui '${DUMP}' 2>&1 > /dev/null; echo "piped: $?"`,
        `cat '${DUMP}' | ${tracectl} ui; echo "stdin dump: $?"`,
        `${tracectl} ui '${DUMP}' < /dev/null; echo "stdin not a terminal: $?"`,
      ].join('\n'),
    );
    expect(await t.exitStatus()).toBe(0);
    const screen = t.screen(true).filter((l) => l !== '');
    expect(screen).toEqual([
      BEFORE,
      'tracectl: ui needs a terminal: stdout is not one (traces and waterfall print to pipes)',
      'piped: 2',
      'tracectl: ui reads keys from stdin, so the dump cannot come from there: give its path',
      'stdin dump: 2',
      'tracectl: ui reads keys from stdin, and stdin is not interactive (not a terminal)',
      'stdin not a terminal: 2',
    ]);
  });
});
