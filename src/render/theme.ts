/**
 * Colour, decided once per run by the CLI and handed to renderers. Services get stable colours (a
 * hash of the name picks from a palette without red), so a service looks the same in every command;
 * red is kept for errors.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface Theme {
  readonly enabled: boolean;
  readonly chalk: ChalkInstance;
  /** Colours text in the service's colour. */
  service(name: string, text?: string): string;
  error(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
}

const PALETTE = ['cyan', 'green', 'yellow', 'blue', 'magenta', 'cyanBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright'] as const;

/** FNV-1a: a tiny stable hash, so the same service always gets the same palette slot. */
export function serviceColorIndex(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % PALETTE.length;
}

/** `level`: 0 no colour, 1 basic 16, 2 256, 3 truecolor. */
export function createTheme(level: 0 | 1 | 2 | 3): Theme {
  const chalk = new Chalk({ level });
  return {
    enabled: level > 0,
    chalk,
    service: (name, text = name) => chalk[PALETTE[serviceColorIndex(name)]!](text),
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
