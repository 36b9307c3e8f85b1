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
import { ServicesScreen } from './services-screen.js';
import { TraceScreen } from './trace-screen.js';
import { TracesScreen } from './traces-screen.js';

type ScreenName = 'traces' | 'trace' | 'services';

/** Tab's order (Shift-Tab's backwards); the Trace screen is skipped while no trace is open. */
const CYCLE: readonly ScreenName[] = ['traces', 'trace', 'services'];
const TITLES: Readonly<Record<ScreenName, string>> = { traces: 'Traces', trace: 'Trace', services: 'Services' };

interface Prompt {
  readonly kind: 'filter' | 'where' | 'search';
  text: string;
  /** The filter before the prompt opened, put back by Esc. */
  readonly before: string;
}

const HINTS: Readonly<Record<ScreenName, string>> = {
  traces: '↑↓ move · Enter open · s sort · / filter · : where · ? keys · q quit',
  trace: '↑↓ move · ←→ fold · e/E errors · / search · n/N matches · d details · Esc back · ? keys · q quit',
  services: '↑↓ move · Enter traces · o service/operation · ] [ sections · ? keys · q quit',
};

/** Keys that scroll the help (lines; a page is more than any help needs on a usable terminal). */
const HELP_SCROLL: Readonly<Record<string, number>> = { down: 1, j: 1, up: -1, k: -1, pagedown: 10, ' ': 10, pageup: -10 };

/** Every key, for the help screen (`?`). */
const HELP: readonly (readonly [string, string])[] = [
  ['Everywhere', ''],
  ['q, Ctrl-C', 'quit'],
  ['?', 'this help (↑↓ scroll it, any other key closes it)'],
  ['Esc', 'back (from a list narrowed by Services: to Services)'],
  ['1 / 2 / 3', 'Traces / Trace / Services screen'],
  ['Tab, Shift-Tab', 'next / previous screen'],
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
  ['', ''],
  ['Services', ''],
  ['Enter, →', "the row's traces: a service, operation, error signature or call"],
  ['o', 'latency by service / by service and operation'],
  ['] / [', 'next / previous section: latency, errors, dependencies'],
];

export class UiApp {
  private screen: ScreenName = 'traces';
  private readonly traces: TracesScreen;
  private trace: TraceScreen | undefined;
  private readonly services: ServicesScreen;
  private prompt: Prompt | undefined;
  private message = '';
  private help = false;
  /** The first line of the help in view: it scrolls when the terminal is too short for it. */
  private helpTop = 0;
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
    this.services = new ServicesScreen(theme);
  }

  /** Which screen is up (for the driver's title and for tests). */
  get current(): ScreenName {
    return this.screen;
  }

  /** The Services screen's model. */
  get servicesScreen(): ServicesScreen {
    return this.services;
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
      const scroll = HELP_SCROLL[key];
      if (scroll !== undefined) {
        this.helpTop = Math.max(0, this.helpTop + scroll);
        return undefined;
      }
      this.help = false;
      return key === 'q' ? 'quit' : undefined;
    }
    switch (key) {
      case 'q':
        return 'quit';
      case '?':
        this.help = true;
        this.helpTop = 0;
        return undefined;
      case 'escape':
        if (this.screen !== 'traces') this.screen = 'traces';
        else if (this.traces.facetFilter !== undefined) {
          this.traces.setFacet(undefined);
          this.screen = 'services';
        } else if (this.traces.filterText !== '') this.traces.setText('');
        return undefined;
      case '1':
        this.screen = 'traces';
        return undefined;
      case '2':
        this.switchToTrace();
        return undefined;
      case '3':
        this.screen = 'services';
        return undefined;
      case 'tab':
      case 'shift-tab':
        this.cycle(key === 'tab' ? 1 : -1);
        return undefined;
    }
    if (this.screen === 'traces') this.tracesKey(key);
    else if (this.screen === 'services') this.servicesKey(key);
    else this.traceKey(key);
    return undefined;
  }

  /** The screen's lines for this size: title, the screen, status. */
  draw(width: number, height: number): string[] {
    const theme = this.theme;
    const snapshot = this.catalog.snapshot();
    const liveLine = this.live?.line();
    const body = Math.max(1, height - 2 - (liveLine === undefined ? 0 : 1));
    const where = TITLES[this.screen];
    const count = `${snapshot.entries.length} trace${snapshot.entries.length === 1 ? '' : 's'}, ${snapshot.spans} span${snapshot.spans === 1 ? '' : 's'}`;
    const title = `${theme.bold('tracectl')} ${theme.accent(where)} ${theme.dim(`· ${count} · ? keys · q quit`)}`;
    let lines: string[];
    if (this.help) lines = this.helpLines(body);
    else if (this.screen === 'trace' && this.trace !== undefined) lines = this.trace.draw(width, body);
    else if (this.screen === 'services') lines = this.services.draw(snapshot, width, body);
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
    return theme.dim(this.help ? '↑↓ PgUp PgDn scroll · any other key closes the help' : HINTS[this.screen]);
  }

  private helpLines(height: number): string[] {
    const lines = [this.theme.bold('Keys'), ''];
    for (const [keys, what] of HELP) {
      if (what === '') lines.push(keys === '' ? '' : this.theme.accent(keys));
      else lines.push(`  ${keys.padEnd(18)} ${what}`);
    }
    this.helpTop = Math.min(this.helpTop, Math.max(0, lines.length - height));
    return lines.slice(this.helpTop, this.helpTop + height);
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

  private servicesKey(key: Key): void {
    const action = this.services.press(key, this.catalog.snapshot());
    if (action === undefined) return;
    if (action.type === 'message') {
      this.message = action.text;
      return;
    }
    this.traces.setFacet(action.facet);
    this.screen = 'traces';
  }

  private cycle(step: 1 | -1): void {
    let at = CYCLE.indexOf(this.screen);
    do at = (at + step + CYCLE.length) % CYCLE.length;
    while (CYCLE[at] === 'trace' && this.trace === undefined);
    this.screen = CYCLE[at]!;
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
