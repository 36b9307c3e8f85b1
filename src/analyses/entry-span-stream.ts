/**
 * The entry-span rule of entry-spans.ts for spans read one by one, without building traces, so that
 * `latency` over a gigabyte dump holds a few bytes per span instead of every span.
 *
 * A span is an entry span when it is a SERVER or CONSUMER span, a root (no parent, or itself as
 * parent), an orphan (its parent is not in the dump), or when its parent belongs to another service.
 * The last two need the parent, which may come later in the dump (OTLP exporters send children
 * before their parents; traces are scattered across resources), so every span is remembered by
 * (trace, span id) → service in an open-addressing table of typed arrays (21 bytes a slot, 80% full at
 * most). A span whose parent was read before it is decided at once; the others wait (16 bytes each)
 * and are decided in `finish`.
 *
 * As in trace assembly and the tree builder: an exact repeat of a span already read (same id in the
 * same trace and the same fingerprint) is dropped; when different spans share an id, children hang
 * off the server half (SERVER or Zipkin shared, not CLIENT) if there is one, else the first.
 *
 * Ids are numbers: the caller gives a 32-bit hash of the trace id and the 64-bit span id as two
 * words, and small integer ids for services. A trace-hash collision matters only if two traces also
 * share a span id: negligible.
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

export class EntrySpanStream {
  // The table: span key → service of the span children attach to, and the first span's fingerprint.
  private cap = 1 << 16;
  private keys = new Uint32Array(this.cap * 3);
  private services = new Uint32Array(this.cap);
  private prints = new Uint32Array(this.cap);
  private state = new Uint8Array(this.cap);
  private used = 0;

  // Spans waiting for their parent: parent key and own service, in the order they were deferred.
  private waiting = new Uint32Array(4096 * 4);
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
  ): Verdict {
    if (this.used * 5 >= this.cap * 4) this.grow();
    const slot = this.find(traceHash, idHi, idLo);
    if (this.state[slot] === EMPTY) {
      const k = slot * 3;
      this.keys[k] = traceHash;
      this.keys[k + 1] = idHi;
      this.keys[k + 2] = idLo;
      this.services[slot] = service;
      this.prints[slot] = fingerprint;
      this.state[slot] = USED | (role.serverHalf ? SERVER_HALF : role.client ? CLIENT : 0);
      this.used++;
    } else if (this.prints[slot] === fingerprint) {
      return DUPLICATE;
    } else if (role.serverHalf && (this.state[slot]! & SERVER_HALF) === 0) {
      this.services[slot] = service;
      this.state[slot]! |= SERVER_HALF;
    }
    if (role.entryKind || !hasParent || (parentHi === idHi && parentLo === idLo)) return ENTRY;
    // The parent read already decides, unless it is a CLIENT whose server half may still come.
    const parent = this.find(traceHash, parentHi, parentLo);
    const state = this.state[parent]!;
    if (state !== EMPTY && (state & (SERVER_HALF | CLIENT)) !== CLIENT) return this.services[parent] === service ? NOT_ENTRY : ENTRY;
    if (this.waitingCount * 4 === this.waiting.length) {
      const grown = new Uint32Array(Math.ceil(this.waiting.length * 1.5 / 4) * 4);
      grown.set(this.waiting);
      this.waiting = grown;
    }
    const w = this.waitingCount++ * 4;
    this.waiting[w] = traceHash;
    this.waiting[w + 1] = parentHi;
    this.waiting[w + 2] = parentLo;
    this.waiting[w + 3] = service;
    return DEFERRED;
  }

  /**
   * Decides every deferred span: `entry(index, service)` for those that are entry spans (their parent
   * was never read, the tree builder's orphans, or belongs to another service).
   */
  finish(entry: (index: number, service: number) => void): void {
    for (let i = 0; i < this.waitingCount; i++) {
      const w = i * 4;
      const slot = this.find(this.waiting[w]!, this.waiting[w + 1]!, this.waiting[w + 2]!);
      const service = this.waiting[w + 3]!;
      if (this.state[slot] === EMPTY || this.services[slot] !== service) entry(i, service);
    }
    this.waitingCount = 0;
  }

  private find(traceHash: number, hi: number, lo: number): number {
    const mask = this.cap - 1;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(traceHash, 0x85ebca6b), 0xc2b2ae35);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      if (this.state[slot] === EMPTY) return slot;
      const k = slot * 3;
      if (this.keys[k + 2] === lo && this.keys[k + 1] === hi && this.keys[k] === traceHash) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = { keys: this.keys, services: this.services, prints: this.prints, state: this.state, cap: this.cap };
    this.cap *= 2;
    this.keys = new Uint32Array(this.cap * 3);
    this.services = new Uint32Array(this.cap);
    this.prints = new Uint32Array(this.cap);
    this.state = new Uint8Array(this.cap);
    for (let s = 0; s < old.cap; s++) {
      if (old.state[s] === EMPTY) continue;
      const k = s * 3;
      const slot = this.find(old.keys[k]!, old.keys[k + 1]!, old.keys[k + 2]!);
      this.keys.set(old.keys.subarray(k, k + 3), slot * 3);
      this.services[slot] = old.services[s]!;
      this.prints[slot] = old.prints[s]!;
      this.state[slot] = old.state[s]!;
    }
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
