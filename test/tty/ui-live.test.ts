/**
 * `tracectl ui --listen` in a real terminal (tmux): the built binary receives what the
 * OpenTelemetry-instrumented fixture app (fixtures/record/instrumented-app.mjs: frontend -> cart ->
 * payment) exports, its traces appear in the list, one opens, q quits with exit 0 and the shell's
 * screen back, and the -o dump holds exactly the spans the app's SDK exported.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT, runCli } from '../helpers/cli.js';
import { TmuxSession } from './tmux-session.js';

const APP = fixture('record/instrumented-app.mjs');
const tracectl = `'${process.execPath}' '${BIN}'`;
const BEFORE = 'shell line before the ui';

let dir: string;
let session: TmuxSession | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-ui-live-tty-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  session?.close();
  session = undefined;
});

const cursorRow = (screen: string[]): string => screen.find((l) => l.startsWith('› '))?.slice(2) ?? '';

describe('tracectl ui --listen in a terminal (tmux)', () => {
  it('-- node <instrumented app>: its traces arrive in the list, one opens, q quits (exit 0, screen restored), the -o dump holds every span', async () => {
    const dump = join(dir, 'live.jsonl');
    const expected = join(dir, 'expected.json');
    const t = new TmuxSession(
      `echo '${BEFORE}'\nexport APP_REQUESTS=5 APP_EXPECTED='${expected}'\n${tracectl} ui --listen --port 0 -o '${dump}' -- '${process.execPath}' '${APP}'`,
      { width: 120, height: 30, cwd: ROOT },
    );
    session = t;
    // Five requests, six spans each: frontend GET /buy -> frontend GET /checkout -> cart ... -> payment.
    let screen = await t.waitFor((s) => s[0] === 'tracectl Traces · 5 traces, 30 spans · ? keys · q quit' && s[28]!.includes('instrumented-app.mjs exited 0'), 'the app\'s five traces and its exit');
    expect(t.alternate()).toBe(true);
    expect(screen[28]).toMatch(/^● http:\/\/127\.0\.0\.1:\d+ · 30 spans · \d+ requests? · \d+ spans\/s · node instrumented-app\.mjs exited 0$/);
    expect(screen[28]).not.toContain(':4318 ');
    const requests = Number(/ · (\d+) requests? · /.exec(screen[28]!)?.[1]);
    const rows = screen.filter((l) => /^[› ] [0-9a-f]{16} /.test(l));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toMatch(/^[› ] [0-9a-f]{16} +frontend GET \/buy +\S+ +\S+ +6 +3 +\d+$/);

    t.keys('Enter');
    screen = await t.waitFor((s) => s[0]!.startsWith('tracectl Trace ·'), 'the Trace screen');
    expect(screen[1]).toMatch(/^Trace [0-9a-f]{32} .* · 6 spans · 3 services/);
    expect(cursorRow(screen)).toMatch(/^◆ ← frontend GET \/buy /);
    expect(screen.some((l) => /payment charge card/.test(l))).toBe(true);

    t.keys('q');
    expect(await t.exitStatus()).toBe(0);
    expect(t.alternate()).toBe(false);
    screen = t.screen(true).filter((l) => l !== '');
    expect(screen[0]).toBe(BEFORE);
    expect(screen.slice(1)).toEqual([
      'tracectl ui: the command exited with code 0',
      `tracectl ui: 30 spans in ${requests} request${requests === 1 ? '' : 's'} received, written to ${dump}`,
    ]);

    const sdk = (JSON.parse(readFileSync(expected, 'utf8')) as { spanId: string }[]).map((s) => s.spanId).sort();
    const read = await runCli(['spans', dump, '--json', '-q']);
    const inDump = (JSON.parse(read.stdout) as { spans: { spanId: string }[] }).spans.map((s) => s.spanId).sort();
    expect(sdk).toHaveLength(30);
    expect(inDump).toEqual(sdk);
  });
});
