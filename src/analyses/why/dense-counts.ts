/**
 * Counts keyed by (slot, class) in one flat array, for when there are only a few classes (a span is
 * in the selection or the baseline): an increment is an index, with no hashing and no probing. The
 * same methods as CountTable, which `why --slow pN` needs for its thousands of duration classes.
 */
export class DenseCounts {
  private counts: Uint32Array;

  constructor(private readonly classes: number) {
    this.counts = new Uint32Array(classes * 8);
  }

  add(slot: number, cls: number, n = 1): void {
    const i = slot * this.classes + cls;
    if (i >= this.counts.length) this.grow(i);
    this.counts[i]! += n;
  }

  forEach(visit: (slot: number, cls: number, count: number) => void): void {
    const c = this.counts;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) visit(Math.floor(i / this.classes), i % this.classes, c[i]!);
  }

  /** Zeroes every count of the slots `drop` says yes to. */
  removeSlots(drop: (slot: number) => boolean): void {
    const slots = this.counts.length / this.classes;
    for (let s = 0; s < slots; s++) if (drop(s)) this.counts.fill(0, s * this.classes, (s + 1) * this.classes);
  }

  private grow(index: number): void {
    let size = this.counts.length * 2;
    while (size <= index) size *= 2;
    const grown = new Uint32Array(size);
    grown.set(this.counts);
    this.counts = grown;
  }
}
