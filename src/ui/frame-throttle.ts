/**
 * At most one frame per interval for a live view. Spans may arrive thousands of times a second;
 * drawing (and the snapshot behind it: trace rows, the list's order, the aggregates) after each
 * request would spend the process on the screen instead of on receiving. A request for a frame
 * inside the interval is folded into one frame at its end; the first request after a quiet spell is
 * drawn at once. A frame that took long (the Services screen's aggregates over a million held spans)
 * stretches the interval to a few times its cost, so drawing never takes more than a fraction of
 * the process, however much is held.
 */

/** The interval is at least this many times the last frame's cost. */
const COST_FACTOR = 4;

export class FrameThrottle {
  private last = -Infinity;
  private cost = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly frame: () => void,
  ) {}

  /** Asks for a frame: now, or at the end of the interval; several asks make one frame. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.last + Math.max(this.intervalMs, this.cost * COST_FACTOR) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const start = Date.now();
      this.frame();
      this.last = Date.now();
      this.cost = this.last - start;
    }, wait);
  }

  /** No frame after this (the view is closing). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
