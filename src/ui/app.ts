/**
 * The whole `tracectl ui` as a model: which screen is up, the prompt being typed, the help, the
 * message of the last key; a key in, lines out (`press`, `draw`). No terminal here: the driver
 * (run-ui.ts) feeds it keys and writes what it draws, and tests do the same with strings.
 *
 * Layout: a title line, the screen, a status line (the prompt while one is open, else the last
 * message, else the screen's main keys).
 */
import { sanitize } from '../render/sanitize.js';
import type { Theme } from '../render/theme.js';
import type { SpanPredicate } from '../query/compile.js';
import { whereFilter } from '../query/where-filter.js';
import { TracectlError } from '../errors.js';
import type { TraceCatalog } from './catalog.js';
import { isCharacter, type Key } from './keys.js';
import { TraceScreen } from './trace-screen.js';
import { TracesScreen } from './traces-screen.js';

type ScreenName = 'traces' | 'trace';

interface Prompt {
  readonly kind: 'filter' | 'where' | 'search';
  text: string;
  /** The filter before the prompt opened, put back by Esc. */
  readonly before: string;
}

const HINTS: Readonly<Record<ScreenName, string>> = {
  traces: '↑↓ move · Enter open · s sort · / filter · : where · ? keys · q quit',
  trace: '↑↓ move · ←→ fold · e/E errors · / search · n/N matches · d details · Esc back · ? keys · q quit',
};

/** Every key, for the help screen (`?`). */
const HELP: readonly (readonly [string, string])[] = [
  ['Everywhere', ''],
  ['q, Ctrl-C', 'quit'],
  ['?', 'this help (any key closes it)'],
  ['Esc', 'back to the trace list (or close the prompt)'],
  ['1 / 2, Tab', 'Traces screen / Trace screen'],
  ['↑ ↓, j k', 'move'],
  ['PgUp PgDn, Space', 'a page up / down'],
  ['g G, Home End', 'first / last row'],
  ['Ctrl-L', 'redraw'],
  ['', ''],
  ['Traces', ''],
  ['Enter, →', 'open the trace'],
  ['s', 'sort by start, duration, spans, errors (cycles)'],
  ['/', 'filter by text: trace id, root, any service'],
  [':', 'filter by a --where expression'],
  ['', ''],
  ['Trace', ''],
  ['Enter', 'fold / unfold the subtree'],
  ['→ l, ← h', 'unfold or go to the first child / fold or go to the parent'],
  ['e / E', 'next / previous error span'],
  ['/', 'search service, operation, span id, message, attribute values'],
  ['n / N', 'next / previous match'],
  ['c', 'the critical path only / every span'],
  ['d', 'hide / show the span details'],
  ['r', 'live: reload the trace with the spans that arrived since it was opened'],
];

export class UiApp {
  private screen: ScreenName = 'traces';
  private readonly traces: TracesScreen;
  private trace: TraceScreen | undefined;
  private prompt: Prompt | undefined;
  private message = '';
  private help = false;
  /** The open trace's version in the catalog when it was opened (live: newer spans may follow). */
  private openedVersion = 0;

  constructor(
    private readonly catalog: TraceCatalog,
    private readonly theme: Theme,
    where?: { readonly expression: string; readonly matches: SpanPredicate },
    /** Live: the receiver's status line, drawn above the keys. */
    private readonly live?: { line(): string },
  ) {
    this.traces = new TracesScreen(theme, where);
  }

  /** Which screen is up (for the driver's title and for tests). */
  get current(): ScreenName {
    return this.screen;
  }

  /** The Trace screen's model while a trace is open. */
  get openTrace(): TraceScreen | undefined {
    return this.trace;
  }

  /** Handles one key; 'quit' when the user asked to leave. */
  press(key: Key): 'quit' | undefined {
    if (key === 'ctrl-c') return 'quit';
    if (this.prompt !== undefined) {
      this.promptKey(this.prompt, key);
      return undefined;
    }
    this.message = '';
    if (this.help) {
      this.help = false;
      return key === 'q' ? 'quit' : undefined;
    }
    switch (key) {
      case 'q':
        return 'quit';
      case '?':
        this.help = true;
        return undefined;
      case 'escape':
        if (this.screen === 'trace') this.screen = 'traces';
        else if (this.traces.filterText !== '') this.traces.setText('');
        return undefined;
      case '1':
        this.screen = 'traces';
        return undefined;
      case '2':
      case 'tab':
      case 'shift-tab':
        if (key === '2' || this.screen === 'traces') this.switchToTrace();
        else this.screen = 'traces';
        return undefined;
    }
    if (this.screen === 'traces') this.tracesKey(key);
    else this.traceKey(key);
    return undefined;
  }

  /** The screen's lines for this size: title, the screen, status. */
  draw(width: number, height: number): string[] {
    const theme = this.theme;
    const snapshot = this.catalog.snapshot();
    const liveLine = this.live?.line();
    const body = Math.max(1, height - 2 - (liveLine === undefined ? 0 : 1));
    const where = this.screen === 'traces' ? 'Traces' : 'Trace';
    const count = `${snapshot.entries.length} trace${snapshot.entries.length === 1 ? '' : 's'}, ${snapshot.spans} span${snapshot.spans === 1 ? '' : 's'}`;
    const title = `${theme.bold('tracectl')} ${theme.accent(where)} ${theme.dim(`· ${count} · ? keys · q quit`)}`;
    let lines: string[];
    if (this.help) lines = this.helpLines(body);
    else if (this.screen === 'trace' && this.trace !== undefined) lines = this.trace.draw(width, body);
    else lines = this.traces.draw(snapshot, width, body);
    while (lines.length < body) lines.push('');
    return [title, ...lines.slice(0, body), ...(liveLine === undefined ? [] : [liveLine]), this.statusLine()];
  }

  private statusLine(): string {
    const theme = this.theme;
    const p = this.prompt;
    if (p !== undefined) {
      const label = p.kind === 'where' ? ':' : '/';
      const what = p.kind === 'filter' ? 'filter' : p.kind === 'where' ? 'where' : 'search';
      return `${theme.accent(label)}${sanitize(p.text)}${theme.enabled ? '\x1b[7m \x1b[27m' : '_'} ${theme.dim(`(${what}: Enter applies, Esc cancels)`)}`;
    }
    if (this.message !== '') return this.message;
    if (this.screen === 'trace' && !this.help && this.trace !== undefined && this.live !== undefined) {
      const now = this.catalog.snapshot().entry(this.trace.trace.traceId);
      if (now !== undefined && now.version !== this.openedVersion) return theme.accent('more spans of this trace arrived: r reloads it');
    }
    return theme.dim(this.help ? 'any key closes the help' : HINTS[this.screen]);
  }

  private helpLines(height: number): string[] {
    const lines = [this.theme.bold('Keys'), ''];
    for (const [keys, what] of HELP) {
      if (what === '') lines.push(keys === '' ? '' : this.theme.accent(keys));
      else lines.push(`  ${keys.padEnd(18)} ${what}`);
    }
    return lines.slice(0, height);
  }

  private tracesKey(key: Key): void {
    const action = this.traces.press(key, this.catalog.snapshot());
    if (action === undefined) return;
    switch (action.type) {
      case 'open':
        this.open(action.traceId);
        return;
      case 'filter':
        this.prompt = { kind: 'filter', text: this.traces.filterText, before: this.traces.filterText };
        return;
      case 'where':
        this.prompt = { kind: 'where', text: this.traces.whereExpression, before: this.traces.whereExpression };
        return;
      case 'message':
        this.message = action.text;
        return;
    }
  }

  private traceKey(key: Key): void {
    const screen = this.trace;
    if (screen === undefined) return;
    if (key === 'r' && this.live !== undefined) {
      this.open(screen.trace.traceId, true);
      return;
    }
    const action = screen.press(key);
    if (action === undefined) return;
    if (action.type === 'search') this.prompt = { kind: 'search', text: screen.searchQuery, before: screen.searchQuery };
    else this.message = sanitize(action.text);
  }

  private switchToTrace(): void {
    if (this.trace !== undefined) this.screen = 'trace';
    else this.message = 'no trace open yet: choose one with Enter';
  }

  private open(traceId: string, reload = false): void {
    if (reload || this.trace === undefined || this.trace.trace.traceId !== traceId) {
      const snapshot = this.catalog.snapshot();
      const trace = snapshot.trace(traceId);
      if (trace === undefined) {
        this.message = `trace ${sanitize(traceId)} is no longer held`;
        return;
      }
      this.trace = new TraceScreen(trace, this.theme);
      this.openedVersion = snapshot.entry(traceId)?.version ?? 0;
    }
    this.screen = 'trace';
  }

  private promptKey(p: Prompt, key: Key): void {
    switch (key) {
      case 'escape':
        this.prompt = undefined;
        if (p.kind === 'filter') this.traces.setText(p.before);
        return;
      case 'enter':
        this.prompt = undefined;
        this.commit(p);
        return;
      case 'backspace':
        p.text = [...p.text].slice(0, -1).join('');
        break;
      case 'ctrl-u':
        p.text = '';
        break;
      case 'ctrl-w':
        p.text = p.text.replace(/\S*\s*$/, '');
        break;
      default:
        if (!isCharacter(key)) return;
        p.text += key;
    }
    // The list narrows as the filter is typed; a search of a big trace waits for Enter.
    if (p.kind === 'filter') this.traces.setText(p.text);
  }

  private commit(p: Prompt): void {
    const text = p.text.trim();
    if (p.kind === 'filter') {
      this.traces.setText(text);
      return;
    }
    if (p.kind === 'search') {
      const action = this.trace?.search(text);
      if (action?.type === 'message') this.message = sanitize(action.text);
      return;
    }
    if (text === '') {
      this.traces.setWhere(undefined);
      return;
    }
    try {
      const filter = whereFilter(text);
      this.traces.setWhere({ expression: text, matches: filter.matches });
    } catch (err) {
      if (!(err instanceof TracectlError)) throw err;
      this.message = this.theme.error(sanitize(err.message.split('\n')[0]!));
    }
  }
}
