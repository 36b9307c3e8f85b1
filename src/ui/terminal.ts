/**
 * What `tracectl ui` needs of the terminal beyond its streams: keys one by one (raw mode), the size
 * and its changes, and a last word when the process ends however it ends. The CLI's `Io` carries it
 * (built in bin/tracectl.js, the only code that touches `process`); the UI asks for nothing else.
 */
export interface Terminal {
  /** stdout's terminal, in cells. */
  size(): { readonly columns: number; readonly rows: number };
  /** Calls `listener` after each resize; returns the function that stops it. */
  onResize(listener: () => void): () => void;
  /** Raw mode on stdin: every key arrives at once, unechoed, Ctrl-C as a key rather than a signal. */
  setRawMode(raw: boolean): void;
  /**
   * Runs `restore` (synchronously) if the process exits while it is registered, however it exits
   * (an uncaught error, `process.exit` elsewhere): the screen is given back even then. Returns the
   * function that unregisters it.
   */
  onExit(restore: () => void): () => void;
}
