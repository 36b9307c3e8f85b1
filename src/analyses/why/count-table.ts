/**
 * Counts keyed by (slot, class), in two typed arrays with open addressing: one attribute key's
 * tallies, where a slot is one of its values (or a numeric bin) and a class is the side a span fell
 * on (selection or baseline), or, under `--slow pN`, its duration bucket (duration-buckets.ts).
 *
 * A JavaScript Map of Maps costs a hundred bytes an entry and a lookup per level; here an entry is
 * eight bytes and the table is as sparse as the data: a value seen on three spans holds at most
 * three entries, whatever the number of classes.
 */

const EMPTY = 0xffffffff;

/** Tables up to this size are rebuilt in their own arrays however few entries they keep (32 KiB). */
const KEEP_SIZE = 4096;

/** The entries a rebuild keeps, while the table is emptied (one pair for every table of the thread). */
let scratchKeys = new Uint32Array(1024);
let scratchCounts = new Uint32Array(1024);

function growScratch(): void {
  const keys = new Uint32Array(scratchKeys.length * 2);
  keys.set(scratchKeys);
  scratchKeys = keys;
  const counts = new Uint32Array(scratchCounts.length * 2);
  counts.set(scratchCounts);
  scratchCounts = counts;
}

/** The table size for `entries`: a power of two, at least 16, at most half full with room for one more. */
function sizeFor(entries: number): number {
  let size = 16;
  while (size < entries * 2 + 2) size *= 2;
  return size;
}
/** Classes must be below this (a class is the low 15 bits of the packed key). */
const MAX_CLASSES = 1 << 15;
/** Slots must be below this. */
const MAX_SLOTS = 1 << 17;

export class CountTable {
  private keys: Uint32Array;
  private counts: Uint32Array;
  private mask: number;
  /** 32 − log2(size): the multiplicative hash's top bits pick the slot (its low bits mix poorly). */
  private shift: number;
  private used = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size).fill(EMPTY);
    this.counts = new Uint32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  /** Entries held. */
  get size(): number {
    return this.used;
  }

  add(slot: number, cls: number, n = 1): void {
    const key = (slot * MAX_CLASSES + cls) >>> 0;
    const keys = this.keys;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) {
        this.counts[i]! += n;
        return;
      }
      if (k === EMPTY) break;
      i = (i + 1) & this.mask;
    }
    keys[i] = key;
    this.counts[i] = n;
    if (++this.used * 2 > keys.length) this.grow();
  }

  forEach(visit: (slot: number, cls: number, count: number) => void): void {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k !== EMPTY) visit(Math.floor(k / MAX_CLASSES), k % MAX_CLASSES, this.counts[i]!);
    }
  }

  /** Drops every entry of the slots `drop` says yes to (see removeWhere). */
  removeSlots(drop: (slot: number) => boolean): void {
    this.removeWhere((slot) => drop(slot));
  }

  /**
   * Drops every entry `drop` says yes to, handing each to `removed` first (to be counted elsewhere).
   * The table is rebuilt: in new, smaller arrays when it is big and what is left needs a quarter of
   * it or less (memory is freed), else in its own arrays. Tables are emptied and refilled all the time (a key of
   * unique values folds every thousand spans, `--slow` settles fine counts), and new arrays each
   * time were a third of `why --slow`'s garbage collection.
   */
  removeWhere(drop: (slot: number, cls: number) => boolean, removed?: (slot: number, cls: number, count: number) => void): void {
    const keys = this.keys;
    const counts = this.counts;
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k === EMPTY) continue;
      const slot = Math.floor(k / MAX_CLASSES);
      const cls = k % MAX_CLASSES;
      if (drop(slot, cls)) {
        removed?.(slot, cls, counts[i]!);
        keys[i] = EMPTY;
      } else {
        if (kept === scratchKeys.length) growScratch();
        scratchKeys[kept] = k;
        scratchCounts[kept++] = counts[i]!;
      }
    }
    const size = sizeFor(kept);
    if (keys.length > KEEP_SIZE && size * 4 <= keys.length) this.reset(size);
    else {
      keys.fill(EMPTY);
      this.used = 0;
    }
    for (let i = 0; i < kept; i++) this.add(Math.floor(scratchKeys[i]! / MAX_CLASSES), scratchKeys[i]! % MAX_CLASSES, scratchCounts[i]!);
  }

  private reset(size: number): void {
    this.keys = new Uint32Array(size).fill(EMPTY);
    this.counts = new Uint32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    this.used = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    this.keys = new Uint32Array(oldKeys.length * 2).fill(EMPTY);
    this.counts = new Uint32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.shift = 32 - Math.log2(this.keys.length);
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY) this.add(Math.floor(k / MAX_CLASSES), k % MAX_CLASSES, oldCounts[i]!);
    }
  }
}
