/**
 * Why a receiver could not listen, as a one-line usage error a user can act on (`record` and
 * `ui --listen` listen the same way, so they say the same thing); anything else is passed on.
 */
import { UsageError } from '../errors.js';
import { sanitize } from '../render/sanitize.js';

export function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${sanitize(host)}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new UsageError(`cannot listen on ${where}: the port is in use (another collector or recorder running? --port 0 picks a free port)`);
    case 'EADDRNOTAVAIL':
      return new UsageError(`cannot listen on ${where}: no such address on this machine`);
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`cannot listen on ${where}: permission denied`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`cannot listen on ${where}: unknown host`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
