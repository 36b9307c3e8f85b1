/** tracectl's version, from package.json (read when asked: nothing else loads for `--version`). */
import { createRequire } from 'node:module';

export function version(): string {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  return pkg.version;
}
