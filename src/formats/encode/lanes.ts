/**
 * Rows ("lanes") on which time intervals nest properly. The Chrome trace format draws the complete
 * events of one thread as a stack, and speedscope's evented profiles are one call stack: both break
 * (or silently misdraw) when two intervals on one row overlap without one containing the other, which
 * concurrent child spans and async spans do all the time. Each interval goes on the first lane where
 * it nests, else on a new lane.
 *
 * A lane keeps the stack of intervals still open at its latest start. Intervals are expected in start
 * order (ties: longer first), the order that packs best; one that arrives earlier than the latest
 * start on a lane is only placed there once everything on it has ended, so a lane is correct whatever
 * the order (a later trace that started earlier simply gets lanes of its own).
 */

interface Lane {
  /** Ends of the intervals open at `lastStart`, outermost first. */
  readonly open: number[];
  lastStart: number;
  maxEnd: number;
}

export class LaneSet {
  private readonly lanes: Lane[] = [];

  get count(): number {
    return this.lanes.length;
  }

  /** The 0-based lane the interval [start, end] was placed on. */
  place(start: number, end: number): number {
    for (let i = 0; i < this.lanes.length; i++) {
      if (fits(this.lanes[i]!, start, end)) {
        push(this.lanes[i]!, start, end);
        return i;
      }
    }
    const lane: Lane = { open: [], lastStart: start, maxEnd: end };
    this.lanes.push(lane);
    push(lane, start, end);
    return this.lanes.length - 1;
  }
}

function fits(lane: Lane, start: number, end: number): boolean {
  if (start >= lane.maxEnd) return true;
  if (start < lane.lastStart) return false;
  const open = lane.open;
  let top = open.length;
  while (top > 0 && open[top - 1]! <= start) top--;
  return top === 0 || end <= open[top - 1]!;
}

function push(lane: Lane, start: number, end: number): void {
  const open = lane.open;
  if (start >= lane.maxEnd) open.length = 0;
  while (open.length > 0 && open[open.length - 1]! <= start) open.pop();
  open.push(end);
  lane.lastStart = Math.max(lane.lastStart, start);
  lane.maxEnd = Math.max(lane.maxEnd, end);
}
