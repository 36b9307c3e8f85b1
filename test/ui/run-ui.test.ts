/**
 * The terminal driver's promises: every way out gives the terminal back (raw mode off, the main
 * screen back), and an error while drawing still does, then reaches the caller. The terminal here
 * is an object recording what it was asked; the real one is driven under tmux (test/tty/ui.test.ts).
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTheme } from '../../src/render/theme.js';
import { UiApp } from '../../src/ui/app.js';
import { TraceCatalog } from '../../src/ui/catalog.js';
import { runUi } from '../../src/ui/run-ui.js';
import { ENTER_SCREEN, LEAVE_SCREEN } from '../../src/ui/screen-writer.js';
import type { Terminal } from '../../src/ui/terminal.js';
import { fixture } from '../helpers/cli.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';

let catalog: TraceCatalog;
beforeAll(async () => {
  catalog = new TraceCatalog();
  for (const trace of buildTraces(await readGroupsFromFile(fixture('errors/otlp-shop.json')))) catalog.addTrace(trace);
});

function recorder(size: () => { columns: number; rows: number } = () => ({ columns: 80, rows: 20 })) {
  const raw: boolean[] = [];
  const exitHooks = new Set<() => void>();
  const resize = new EventEmitter();
  const terminal: Terminal = {
    size,
    onResize(listener) {
      resize.on('resize', listener);
      return () => resize.off('resize', listener);
    },
    setRawMode: (on) => void raw.push(on),
    onExit(restore) {
      exitHooks.add(restore);
      return () => exitHooks.delete(restore);
    },
  };
  const written: string[] = [];
  const input = new PassThrough();
  const signals = new EventEmitter();
  const session = { app: new UiApp(catalog, createTheme(0)), terminal, input, write: (t: string) => void written.push(t), signals };
  return { session, raw, exitHooks, resize, written, input, signals };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('runUi', () => {
  it('q: raw mode on then off, the alternate screen entered then left, nothing left listening', async () => {
    const r = recorder();
    const done = runUi(r.session);
    await settle();
    expect(r.raw).toEqual([true]);
    expect(r.written[0]).toBe(ENTER_SCREEN);
    expect(r.written.join('')).toContain('tracectl Traces');
    expect(r.exitHooks.size).toBe(1);
    r.input.write('jq');
    expect(await done).toBe('quit');
    expect(r.raw).toEqual([true, false]);
    expect(r.written.at(-1)).toBe(LEAVE_SCREEN);
    expect(r.exitHooks.size).toBe(0);
    expect(r.input.listenerCount('data')).toBe(0);
    expect(r.signals.listenerCount('SIGTERM')).toBe(0);
    expect(r.resize.listenerCount('resize')).toBe(0);
  });

  it('keys and resizes redraw: only changed rows after a key, the whole screen after a resize', async () => {
    const r = recorder();
    const done = runUi(r.session);
    await settle();
    r.input.write('j');
    await settle();
    const afterKey = r.written.at(-1)!;
    // The cursor moved from row 3 to row 4 of the screen (title, header, first trace): two rows written.
    expect(afterKey.match(/\x1b\[\d+;1H/g)).toEqual(['\x1b[3;1H', '\x1b[4;1H']);
    r.resize.emit('resize');
    await settle();
    expect(r.written.at(-1)!.match(/\x1b\[\d+;1H/g)).toHaveLength(20);
    r.signals.emit('SIGTERM');
    expect(await done).toBe('SIGTERM');
    expect(r.written.at(-1)).toBe(LEAVE_SCREEN);
  });

  it('an error while drawing: the terminal is given back first, then the error reaches the caller', async () => {
    let calls = 0;
    const r = recorder(() => {
      if (++calls > 1) throw new Error('the terminal went away');
      return { columns: 80, rows: 20 };
    });
    const done = runUi(r.session);
    await settle();
    r.input.write('j');
    await expect(done).rejects.toThrow('the terminal went away');
    expect(r.raw).toEqual([true, false]);
    expect(r.written.at(-1)).toBe(LEAVE_SCREEN);
    expect(r.exitHooks.size).toBe(0);
  });

  it('the process exiting from elsewhere runs the registered restore, once', async () => {
    const r = recorder();
    const done = runUi(r.session);
    await settle();
    for (const hook of r.exitHooks) hook();
    expect(r.raw).toEqual([true, false]);
    expect(r.written.at(-1)).toBe(LEAVE_SCREEN);
    r.input.write('q');
    await done;
    expect(r.written.filter((w) => w === LEAVE_SCREEN)).toHaveLength(1);
  });
});
