/**
 * Colour, decided once per run by the CLI and handed to renderers; red is kept for errors. Services
 * get colours from a palette without red. A hash of the name into ten colours gives two of five
 * services the same colour more often than not, so each renderer first hands the theme the services
 * of its output (`withServices`): they are sorted and given the palette's colours in that order, as
 * Jaeger UI hands out its palette one colour per new service name — distinct while colours last, and
 * the same set of services gets the same colours whatever order they appear in. A name outside the
 * set (or a theme given none) falls back to the hash.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface Theme {
  readonly enabled: boolean;
  readonly chalk: ChalkInstance;
  /** Colours text in the service's colour. */
  service(name: string, text?: string): string;
  /** This theme with the services of one output given distinct colours (see the file comment). */
  withServices(names: Iterable<string>): Theme;
  error(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
}

const PALETTE = ['cyan', 'green', 'yellow', 'blue', 'magenta', 'cyanBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright'] as const;

/** FNV-1a: a tiny stable hash, the slot of a service outside the set the theme was given. */
function serviceColorIndex(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % PALETTE.length;
}

/** `level`: 0 no colour, 1 basic 16, 2 256, 3 truecolor. */
export function createTheme(level: 0 | 1 | 2 | 3): Theme {
  return themeWith(new Chalk({ level }), new Map());
}

/** The palette slot of each name: sorted by code unit (no locale), slots in order, wrapping past the last. */
function assignSlots(names: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(sorted.map((name, i) => [name, i % PALETTE.length]));
}

function themeWith(chalk: ChalkInstance, slots: ReadonlyMap<string, number>): Theme {
  const level = chalk.level;
  return {
    enabled: level > 0,
    chalk,
    service: (name, text = name) => chalk[PALETTE[slots.get(name) ?? serviceColorIndex(name)]!](text),
    withServices: (names) => themeWith(chalk, level > 0 ? assignSlots(names) : slots),
    error: (text) => chalk.red(text),
    warn: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    accent: (text) => chalk.bold.cyan(text),
  };
}

export interface ColorEnv {
  readonly flag: boolean | undefined; // --color / --no-color
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
}

/**
 * The colour level: a flag wins (--no-color none, --color at least the basic 16), as no-color.org
 * asks ("user-level configuration files and per-instance command-line arguments should override
 * $NO_COLOR"); without one, NO_COLOR (any non-empty value; chalk ignores it), then FORCE_COLOR, then
 * whether the stream is a terminal. FORCE_COLOR=2/3 still picks the depth under --color.
 */
export function colorLevel({ flag, env, isTTY }: ColorEnv): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  const depth = force === '2' ? 2 : force === '3' ? 3 : 1;
  if (flag === true) return depth;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (force !== undefined) return force === '0' || force === 'false' ? 0 : depth;
  if (!isTTY) return 0;
  const term = env.COLORTERM ?? '';
  if (term === 'truecolor' || term === '24bit') return 3;
  if ((env.TERM ?? '').includes('256')) return 2;
  return 1;
}
