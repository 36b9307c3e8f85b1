/**
 * The entry-span rule of entry-spans.ts for spans read one by one, without building traces, so that
 * `latency` over a gigabyte dump holds a few bytes per span instead of every span.
 *
 * A span is an entry span when it is a SERVER or CONSUMER span, a root (no parent, or itself as
 * parent), an orphan (its parent is not in the dump), or when its parent belongs to another service.
 * The last two need the parent, which may come later in the dump (OTLP exporters send children
 * before their parents; traces are scattered across resources), so every span is remembered by
 * (trace, span id) → service in an open-addressing table of typed arrays (17 bytes a slot, 40-80%
 * full). A span whose parent was read before it is decided at once; the others wait (12 bytes each)
 * and are decided in `finish`.
 *
 * As in trace assembly and the tree builder: an exact repeat of a span already read (same id in the
 * same trace and the same fingerprint) is dropped; when different spans share an id, children hang
 * off the server half (SERVER or Zipkin shared, not CLIENT) if there is one, else the first.
 *
 * Ids are numbers: the caller gives a 32-bit hash of the trace id and the 64-bit span id as two
 * words, and small integer ids for services. The trace hash is folded into the span id: a collision
 * needs two 64-bit values to agree, as likely as two random span ids being equal.
 */

/** What `add` decided. */
export const ENTRY = 1;
export const DUPLICATE = 2;
export const DEFERRED = 3;
export const NOT_ENTRY = 4;
export type Verdict = typeof ENTRY | typeof DUPLICATE | typeof DEFERRED | typeof NOT_ENTRY;

/** Span roles that matter here. */
export interface StreamSpanRole {
  /** SERVER or CONSUMER: always an entry span. */
  readonly entryKind: boolean;
  /** SERVER, or a Zipkin shared span that is not CLIENT: children of its id hang off it. */
  readonly serverHalf: boolean;
  /** CLIENT: a server half sharing its id may follow and take its children. */
  readonly client: boolean;
}

const EMPTY = 0;
const USED = 1;
const SERVER_HALF = 2;
const CLIENT = 4;

/**
 * One shard of the span table: open addressing with linear probing, growing by doubling when 80%
 * full. The table is split in shards so that growing never holds two copies of the whole table.
 * A key is the span id with the trace hash folded into its high word (8 bytes): two spans collide
 * only when their low words are equal and their trace hashes differ exactly as their high words do.
 */
class Shard {
  cap = 1 << 10;
  keys = new Uint32Array(this.cap * 2);
  services = new Uint32Array(this.cap);
  prints = new Uint32Array(this.cap);
  state = new Uint8Array(this.cap);
  used = 0;

  find(hi: number, lo: number, h: number): number {
    const mask = this.cap - 1;
    let slot = h & mask;
    for (;;) {
      if (this.state[slot] === EMPTY) return slot;
      if (this.keys[2 * slot + 1] === lo && this.keys[2 * slot] === hi) return slot;
      slot = (slot + 1) & mask;
    }
  }

  grow(): void {
    const old = { keys: this.keys, services: this.services, prints: this.prints, state: this.state, cap: this.cap };
    this.cap *= 2;
    this.keys = new Uint32Array(this.cap * 2);
    this.services = new Uint32Array(this.cap);
    this.prints = new Uint32Array(this.cap);
    this.state = new Uint8Array(this.cap);
    for (let s = 0; s < old.cap; s++) {
      if (old.state[s] === EMPTY) continue;
      const hi = old.keys[2 * s]!;
      const lo = old.keys[2 * s + 1]!;
      const slot = this.find(hi, lo, hashKey(hi, lo) >>> SHARD_BITS);
      this.keys[2 * slot] = hi;
      this.keys[2 * slot + 1] = lo;
      this.services[slot] = old.services[s]!;
      this.prints[slot] = old.prints[s]!;
      this.state[slot] = old.state[s]!;
    }
  }
}

const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;

function hashKey(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class EntrySpanStream {
  // The table: span key → service of the span children attach to, and the first span's fingerprint.
  private readonly shards: Shard[] = Array.from({ length: SHARDS }, () => new Shard());
  private used = 0;

  // Spans waiting for their parent: parent key and own service, in the order they were deferred.
  private waiting = new Uint32Array(4096 * 3);
  private waitingCount = 0;

  get spans(): number {
    return this.used;
  }

  /**
   * Reads one span. ENTRY: count it now. NOT_ENTRY: do not. DUPLICATE: drop it. DEFERRED: the
   * answer comes from `finish`, which names deferred spans by their order (0, 1, ...) of deferral.
   */
  add(
    traceHash: number,
    idHi: number,
    idLo: number,
    hasParent: boolean,
    parentHi: number,
    parentLo: number,
    service: number,
    fingerprint: number,
    role: StreamSpanRole,
    /** An untimed piece of a span (Zipkin): a repeat of a span already read in the same service. */
    fragment = false,
  ): Verdict {
    const hi = (idHi ^ traceHash) >>> 0;
    const h = hashKey(hi, idLo);
    const shard = this.shards[h & (SHARDS - 1)]!;
    if (shard.used * 5 >= shard.cap * 4) shard.grow();
    const slot = shard.find(hi, idLo, h >>> SHARD_BITS);
    if (shard.state[slot] === EMPTY) {
      shard.keys[2 * slot] = hi;
      shard.keys[2 * slot + 1] = idLo;
      shard.services[slot] = service;
      shard.prints[slot] = fingerprint;
      shard.state[slot] = USED | (role.serverHalf ? SERVER_HALF : role.client ? CLIENT : 0);
      shard.used++;
      this.used++;
    } else if (shard.prints[slot] === fingerprint || (fragment && shard.services[slot] === service)) {
      return DUPLICATE;
    } else if (role.serverHalf && (shard.state[slot]! & SERVER_HALF) === 0) {
      shard.services[slot] = service;
      shard.state[slot]! |= SERVER_HALF;
    }
    if (role.entryKind || !hasParent || (parentHi === idHi && parentLo === idLo)) return ENTRY;
    // The parent read already decides, unless it is a CLIENT whose server half may still come.
    const pHi = (parentHi ^ traceHash) >>> 0;
    const found = this.lookup(pHi, parentLo);
    if (found !== undefined && (found.state & (SERVER_HALF | CLIENT)) !== CLIENT) return found.service === service ? NOT_ENTRY : ENTRY;
    if (this.waitingCount * 3 === this.waiting.length) {
      const grown = new Uint32Array(Math.ceil((this.waiting.length * 1.5) / 3) * 3);
      grown.set(this.waiting);
      this.waiting = grown;
    }
    const w = this.waitingCount++ * 3;
    this.waiting[w] = pHi;
    this.waiting[w + 1] = parentLo;
    this.waiting[w + 2] = service;
    return DEFERRED;
  }

  /**
   * Decides every deferred span: `entry(index, service)` for those that are entry spans (their parent
   * was never read, the tree builder's orphans, or belongs to another service).
   */
  finish(entry: (index: number, service: number) => void): void {
    for (let i = 0; i < this.waitingCount; i++) {
      const w = i * 3;
      const found = this.lookup(this.waiting[w]!, this.waiting[w + 1]!);
      const service = this.waiting[w + 2]!;
      if (found === undefined || found.service !== service) entry(i, service);
    }
    this.waitingCount = 0;
  }

  private readonly hit = { state: 0, service: 0 };

  /** The span under a folded key, or undefined (the returned object is reused). */
  private lookup(hi: number, lo: number): { state: number; service: number } | undefined {
    const h = hashKey(hi, lo);
    const shard = this.shards[h & (SHARDS - 1)]!;
    const slot = shard.find(hi, lo, h >>> SHARD_BITS);
    if (shard.state[slot] === EMPTY) return undefined;
    this.hit.state = shard.state[slot]!;
    this.hit.service = shard.services[slot]!;
    return this.hit;
  }
}

/** FNV-1a over a string's UTF-16 code units: the 32-bit hash of a trace id (or an odd span id). */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
