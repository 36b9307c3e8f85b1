/**
 * The first `limit` items of a stream in an order, holding no more than `limit` of them: a binary
 * heap whose root is the worst item kept, replaced when a better one comes. This is what lets
 * `spans --sort duration --limit 50` read a gigabyte dump in the memory of 50 spans; each item costs
 * O(log limit). A limit of 0 keeps every item (the caller asked for all of them).
 */
export class BoundedTop<T> {
  private readonly items: T[] = [];
  private seen = 0;

  /** `compare(a, b) < 0` when `a` comes before `b`; it must be a total order for a stable result. */
  constructor(
    private readonly limit: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  /** Items offered so far. */
  get offered(): number {
    return this.seen;
  }

  /** Items held now: never more than the limit (when there is one). */
  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.seen++;
    const items = this.items;
    if (this.limit === 0 || items.length < this.limit) {
      items.push(item);
      if (this.limit !== 0) this.siftUp(items.length - 1);
      return;
    }
    if (this.compare(item, items[0]!) >= 0) return;
    items[0] = item;
    this.siftDown(0);
  }

  /** The items kept, first first. */
  sorted(): T[] {
    return [...this.items].sort(this.compare);
  }

  // The heap is ordered "worst on top": a parent never comes before its children.
  private siftUp(i: number): void {
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[parent]!, items[i]!) >= 0) return;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const items = this.items;
    const n = items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && this.compare(items[left]!, items[worst]!) > 0) worst = left;
      if (right < n && this.compare(items[right]!, items[worst]!) > 0) worst = right;
      if (worst === i) return;
      [items[worst], items[i]] = [items[i]!, items[worst]!];
      i = worst;
    }
  }
}
