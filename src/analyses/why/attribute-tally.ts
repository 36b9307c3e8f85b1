/**
 * The one streaming pass of `why`: for every span, every value of every compared key is counted
 * under the span's class, and every numeric value also under its bin (value-bins.ts). Nothing of a
 * span outlives `add`.
 *
 * A class is a side — 0 baseline, 1 selection — counted in flat arrays, or, under `--slow pN`, a
 * *fine* class (FINE_BASE + the span's duration bucket × 2 + whether it matches `--baseline`),
 * counted in hash tables until the caller knows the threshold and `settle`s fine counts into sides
 * (why-analysis.ts keeps fine only the spans near the running threshold estimate).
 *
 * Memory is bounded by the number of keys and a cap on distinct values per key, not by the number
 * of spans. When a key reaches the cap (a request id, a timestamp, a customer id of a big tenant
 * base), its rarer half is folded away (every value seen no more often than the median), the way
 * lossy counting keeps heavy hitters: a value that is common survives however late it first shows,
 * and what a kept value may have lost is reported. Numeric bins are never folded, so a number's
 * distribution stays exact whatever its cardinality.
 *
 * Resource attributes are shared by every span of a resource (OTLP) or process (Jaeger): their slots
 * are looked up once per resource object, not once per span.
 *
 * Tallies made in several threads (the parse workers) are merged with `snapshot` and `merge`.
 */
import { KINDS, STATUSES, type LeanAttributes, type LeanSpan } from '../../model/lean-span.js';
import type { AttrValue, Span } from '../../model/span.js';
import { CountTable } from './count-table.js';
import { DenseCounts } from './dense-counts.js';
import { type Intrinsic, type KeyFilter, spanAttributeScope } from './key-filter.js';
import { valueBin } from './value-bins.js';
import type { AttrScope } from './why-result.js';

/** Distinct values kept per key. */
export const DEFAULT_VALUE_CAP = 1000;
/** Distinct keys compared; keys beyond are counted and reported, not compared. */
const DEFAULT_KEY_CAP = 2000;
/** model/lean-span.ts TIMINGS: 'no-duration' and 'missing' from here on. */
const TIMING_NO_DURATION = 2;
/** Classes below this are sides (0 baseline, 1 selection); from it on, fine classes. */
export const FINE_BASE = 2;

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export type Scalar = string | number | boolean;

/** A key's tally as plain data, to send between threads. */
export interface KeySnapshot {
  readonly scope: AttrScope;
  readonly key: string;
  readonly where: 'intrinsic' | 'span' | 'resource';
  readonly spans: number;
  readonly maxTotal: number;
  readonly unsupported: number;
  readonly folds: number;
  readonly foldLoss: number;
  readonly distinct: number;
  readonly numericDistinct: number;
  readonly values: Scalar[];
  readonly totals: number[];
  /** (value index, class, count) triples; classes as `add` takes them. */
  readonly valueCells: number[];
  /** (bin, class, count) triples. */
  readonly binCells: number[];
}

export interface TallySnapshot {
  /** Spans per class (sides, then fine classes). */
  readonly classSpans: number[];
  readonly droppedKeys: number;
  readonly keys: KeySnapshot[];
}

/** One key's counts. */
export class KeyTally {
  /** value → slot. */
  readonly slots = new Map<Scalar, number>();
  readonly slotValue: (Scalar | undefined)[] = [];
  /** The bin of each slot's value, or −1 when it is not a number. */
  readonly slotBin: number[] = [];
  /** Spans counted under each slot. */
  readonly slotTotal: number[] = [];
  /** (slot, side) → spans. */
  readonly valueCells = new DenseCounts(FINE_BASE);
  /** (bin, side) → spans, for numeric values. */
  readonly binCells = new CountTable();
  /** (slot, fine class) and (bin, fine class) → spans. */
  readonly fineValueCells = new CountTable();
  readonly fineBinCells = new CountTable();
  private readonly free: number[] = [];
  /** Spans that had the key with a value that could be counted. */
  spans = 0;
  /** The most spans any one value was seen on (1: every value unique so far). */
  maxTotal = 0;
  /** Values that were maps (OTLP kvlist): not compared. */
  unsupported = 0;
  /** Times the rarer half was folded away, and the largest count a folded value had. */
  folds = 0;
  foldLoss = 0;
  /** Distinct values seen (folded ones included), and how many of them were numbers. */
  distinct = 0;
  numericDistinct = 0;

  constructor(
    readonly scope: AttrScope,
    readonly key: string,
    /** How the key filter named it: span fields, span attributes (scope ones included), resource attributes. */
    readonly where: 'intrinsic' | 'span' | 'resource',
    /** undefined: compared; a reason: skipped and reported; null: left out by the user. */
    readonly skipped: string | null | undefined,
    readonly cap: number,
  ) {}

  /** Counts one scalar under `cls`; `bins`: also count its numeric bin. Returns the slot. */
  addScalar(v: Scalar, cls: number, bins: boolean): number {
    let slot = this.slots.get(v);
    if (slot === undefined) slot = this.newSlot(v);
    this.count(slot, cls, bins);
    return slot;
  }

  count(slot: number, cls: number, bins: boolean): void {
    if (cls < FINE_BASE) this.valueCells.add(slot, cls);
    else this.fineValueCells.add(slot, cls - FINE_BASE);
    const total = ++this.slotTotal[slot]!;
    if (total > this.maxTotal) this.maxTotal = total;
    if (bins) {
      const bin = this.slotBin[slot]!;
      if (bin >= 0) this.addBin(bin, cls);
    }
  }

  /** Counts a number under its bin only (span durations: no per-value counts). */
  addBinOnly(x: number, cls: number): void {
    const bin = valueBin(x);
    if (bin >= 0) this.addBin(bin, cls);
  }

  private addBin(bin: number, cls: number, n = 1): void {
    if (cls < FINE_BASE) this.binCells.add(bin, cls, n);
    else this.fineBinCells.add(bin, cls - FINE_BASE, n);
  }

  /** Every (value slot or bin, side) count, fine ones through `sideOf` (−1: in neither side). */
  sideCounts(fineSide: (fineClass: number) => number): { values: Map<number, [number, number]>; bins: Map<number, [number, number]> } {
    const tally = (out: Map<number, [number, number]>) => (slot: number, side: number, count: number) => {
      if (side < 0) return;
      let c = out.get(slot);
      if (c === undefined) out.set(slot, (c = [0, 0]));
      c[side === 1 ? 0 : 1] += count;
    };
    const values = new Map<number, [number, number]>();
    const bins = new Map<number, [number, number]>();
    this.valueCells.forEach(tally(values));
    this.fineValueCells.forEach((slot, fc, n) => tally(values)(slot, fineSide(fc), n));
    this.binCells.forEach(tally(bins));
    this.fineBinCells.forEach((bin, fc, n) => tally(bins)(bin, fineSide(fc), n));
    return { values, bins };
  }

  /** Moves the fine counts whose side is now known (`side(fc)` 0 or 1; −1 drops them; `undefined` keeps them fine). */
  settle(side: (fineClass: number) => number | undefined): void {
    const decided = (_slot: number, fc: number): boolean => side(fc) !== undefined;
    this.fineValueCells.removeWhere(decided, (slot, fc, n) => {
      const s = side(fc)!;
      if (s >= 0) this.valueCells.add(slot, s, n);
    });
    this.fineBinCells.removeWhere(decided, (bin, fc, n) => {
      const s = side(fc)!;
      if (s >= 0) this.binCells.add(bin, s, n);
    });
  }

  /** Fine entries held. */
  get fineSize(): number {
    return this.fineValueCells.size + this.fineBinCells.size;
  }

  snapshot(): KeySnapshot {
    const index = new Map<number, number>();
    const values: Scalar[] = [];
    const totals: number[] = [];
    for (const [value, slot] of this.slots) {
      index.set(slot, values.length);
      values.push(value);
      totals.push(this.slotTotal[slot]!);
    }
    const valueCells: number[] = [];
    const pushValue = (offset: number) => (slot: number, cls: number, count: number) => {
      const i = index.get(slot);
      if (i !== undefined) valueCells.push(i, cls + offset, count);
    };
    this.valueCells.forEach(pushValue(0));
    this.fineValueCells.forEach(pushValue(FINE_BASE));
    const binCells: number[] = [];
    this.binCells.forEach((bin, cls, count) => void binCells.push(bin, cls, count));
    this.fineBinCells.forEach((bin, cls, count) => void binCells.push(bin, cls + FINE_BASE, count));
    return {
      scope: this.scope,
      key: this.key,
      where: this.where,
      spans: this.spans,
      maxTotal: this.maxTotal,
      unsupported: this.unsupported,
      folds: this.folds,
      foldLoss: this.foldLoss,
      distinct: this.distinct,
      numericDistinct: this.numericDistinct,
      values,
      totals,
      valueCells,
      binCells,
    };
  }

  /** Adds another thread's counts of this key; `mapClass` turns its classes into this tally's (−1: neither side). */
  merge(s: KeySnapshot, mapClass: (cls: number) => number): void {
    this.spans += s.spans;
    this.unsupported += s.unsupported;
    this.folds += s.folds;
    this.foldLoss = Math.max(this.foldLoss, s.foldLoss);
    this.distinct += s.distinct;
    this.numericDistinct += s.numericDistinct;
    for (let i = 0; i < s.binCells.length; i += 3) {
      const cls = mapClass(s.binCells[i + 1]!);
      if (cls >= 0) this.addBin(s.binCells[i]!, cls, s.binCells[i + 2]!);
    }
    this.maxTotal = Math.max(this.maxTotal, s.maxTotal);
    const slots = s.values.map((v) => this.slots.get(v) ?? this.newSlot(v, false));
    // A fold while merging may have dropped a slot given out above: look each one up again.
    const live = s.values.map((v, i) => (this.slots.get(v) === slots[i] ? slots[i]! : -1));
    for (let i = 0; i < s.valueCells.length; i += 3) {
      const slot = live[s.valueCells[i]!]!;
      const cls = mapClass(s.valueCells[i + 1]!);
      if (slot < 0 || cls < 0) continue;
      if (cls < FINE_BASE) this.valueCells.add(slot, cls, s.valueCells[i + 2]!);
      else this.fineValueCells.add(slot, cls - FINE_BASE, s.valueCells[i + 2]!);
    }
    s.values.forEach((_, i) => {
      const slot = live[i]!;
      if (slot < 0) return;
      const total = (this.slotTotal[slot]! += s.totals[i]!);
      if (total > this.maxTotal) this.maxTotal = total;
    });
  }

  private newSlot(v: Scalar, seen = true): number {
    if (this.slots.size >= this.cap) this.fold();
    const slot = this.free.pop() ?? this.slotValue.length;
    this.slots.set(v, slot);
    this.slotValue[slot] = v;
    this.slotTotal[slot] = 0;
    const bin = binOf(v);
    this.slotBin[slot] = bin;
    if (seen) {
      this.distinct++;
      if (bin >= 0) this.numericDistinct++;
    }
    return slot;
  }

  /** Drops every value seen no more often than the median value (at least half of them). */
  private fold(): void {
    const totals: number[] = [];
    for (const slot of this.slots.values()) totals.push(this.slotTotal[slot]!);
    totals.sort((a, b) => a - b);
    const limit = totals[totals.length >> 1]!;
    this.folds++;
    this.foldLoss = Math.max(this.foldLoss, limit);
    if (totals[totals.length - 1]! <= limit) {
      // Every value goes (ids: all seen once): start afresh.
      this.slots.clear();
      this.slotValue.length = 0;
      this.slotBin.length = 0;
      this.slotTotal.length = 0;
      this.free.length = 0;
      this.valueCells.removeSlots(() => true);
      if (this.fineValueCells.size > 0) this.fineValueCells.removeSlots(() => true);
      return;
    }
    const dropped = new Uint8Array(this.slotValue.length);
    for (const [value, slot] of this.slots) {
      if (this.slotTotal[slot]! > limit) continue;
      dropped[slot] = 1;
      this.slots.delete(value);
      this.slotValue[slot] = undefined;
      this.slotTotal[slot] = 0;
      this.free.push(slot);
    }
    const drop = (slot: number): boolean => slot < dropped.length && dropped[slot] === 1;
    this.valueCells.removeSlots(drop);
    if (this.fineValueCells.size > 0) this.fineValueCells.removeSlots(drop);
  }
}

function binOf(v: Scalar): number {
  if (typeof v === 'number') return valueBin(v);
  if (typeof v === 'string' && v.length <= 40 && DECIMAL.test(v)) return valueBin(Number(v));
  return -1;
}

export interface TallyOptions {
  /** Fine classes a span can fall in besides the two sides (0 unless `--slow pN`). */
  readonly fineClasses: number;
  readonly filter: KeyFilter;
  readonly valueCap?: number;
  readonly keyCap?: number;
}

interface CachedValue {
  readonly tally: KeyTally;
  readonly value: AttrValue;
  slot: number;
}

export class AttributeTally {
  /** Spans counted per class: the two sides, then the fine classes. */
  readonly classSpans: Float64Array;
  private readonly intrinsics: Record<Intrinsic, KeyTally>;
  private readonly spanKeys = new Map<string, KeyTally>();
  private readonly resourceKeys = new Map<string, KeyTally>();
  private readonly valueCap: number;
  private readonly keyCap: number;
  private keyCount = 0;
  /** Values of keys met after the key cap was reached. */
  droppedKeys = 0;
  private lastResource: object | undefined;
  private previousResource: object | undefined;
  private lastResourceValues: CachedValue[] = [];
  private lastFolds = -1;

  constructor(private readonly options: TallyOptions) {
    this.classSpans = new Float64Array(FINE_BASE + options.fineClasses);
    this.valueCap = options.valueCap ?? DEFAULT_VALUE_CAP;
    this.keyCap = options.keyCap ?? DEFAULT_KEY_CAP;
    const make = (key: Intrinsic): KeyTally => new KeyTally('intrinsic', key, 'intrinsic', options.filter.skipReason('intrinsic', key), this.valueCap);
    this.intrinsics = { service: make('service'), operation: make('operation'), kind: make('kind'), status: make('status'), duration: make('duration') };
  }

  /** Every key, in the order first seen (span fields first). */
  *keys(): Generator<KeyTally> {
    yield* Object.values(this.intrinsics);
    yield* this.spanKeys.values();
    yield* this.resourceKeys.values();
  }

  /** Fine entries held over every key. */
  fineSize(): number {
    let n = 0;
    for (const t of this.keys()) n += t.fineSize;
    return n;
  }

  /** Moves every fine count whose side is now known into its side (see KeyTally.settle); returns the spans in neither. */
  settle(side: (fineClass: number) => number | undefined): number {
    for (const t of this.keys()) if (t.fineSize > 0) t.settle(side);
    const spans = this.classSpans;
    let neither = 0;
    for (let fc = 0; fc + FINE_BASE < spans.length; fc++) {
      const n = spans[FINE_BASE + fc]!;
      if (n === 0) continue;
      const s = side(fc);
      if (s === undefined) continue;
      if (s >= 0) spans[s]! += n;
      else neither += n;
      spans[FINE_BASE + fc] = 0;
    }
    return neither;
  }

  /** Counts a span under class `cls`; `durationNs` is what `duration` is compared by. */
  add(span: Span, durationNs: number, cls: number): void {
    this.classSpans[cls]!++;
    const t = this.intrinsics;
    if (t.service.skipped === undefined) this.countSpan(t.service).addScalar(span.service, cls, false);
    if (t.operation.skipped === undefined) this.countSpan(t.operation).addScalar(span.operation, cls, false);
    if (t.kind.skipped === undefined) this.countSpan(t.kind).addScalar(span.kind, cls, false);
    if (t.status.skipped === undefined) this.countSpan(t.status).addScalar(span.status, cls, false);
    if (t.duration.skipped === undefined && span.timing !== 'missing' && span.timing !== 'no-duration') {
      this.countSpan(t.duration).addBinOnly(durationNs, cls);
    }
    const attributes = span.attributes;
    for (const key in attributes) {
      if (!Object.hasOwn(attributes, key)) continue;
      const tally = this.keyOf(this.spanKeys, 'span', key);
      if (tally === undefined || tally.skipped !== undefined) continue;
      this.addValue(tally, attributes[key]!, cls);
    }
    this.addResource(span.resource, cls);
  }

  /** `add` for a span as a fast reader gives it: the same counts as for the Span it stands for. */
  addLean(span: LeanSpan, attributes: LeanAttributes, cls: number): void {
    this.classSpans[cls]!++;
    const t = this.intrinsics;
    if (t.service.skipped === undefined) this.countSpan(t.service).addScalar(span.service, cls, false);
    if (t.operation.skipped === undefined) this.countSpan(t.operation).addScalar(span.operation, cls, false);
    if (t.kind.skipped === undefined) this.countSpan(t.kind).addScalar(KINDS[span.kind]!, cls, false);
    if (t.status.skipped === undefined) this.countSpan(t.status).addScalar(STATUSES[span.status]!, cls, false);
    if (t.duration.skipped === undefined && span.timing < TIMING_NO_DURATION) this.countSpan(t.duration).addBinOnly(span.durationNs, cls);
    const keys = attributes.keys;
    const values = attributes.values;
    for (let i = 0; i < attributes.count; i++) {
      const tally = this.keyOf(this.spanKeys, 'span', keys[i]!);
      if (tally !== undefined && tally.skipped === undefined) this.addValue(tally, values[i]!, cls);
    }
    const resourceKeys = attributes.resourceKeys;
    const resourceValues = attributes.resourceValues;
    for (let i = 0; i < attributes.resourceCount; i++) {
      const tally = this.keyOf(this.resourceKeys, 'resource', resourceKeys[i]!);
      if (tally !== undefined && tally.skipped === undefined) this.addValue(tally, resourceValues[i]!, cls);
    }
  }

  snapshot(): TallySnapshot {
    const keys: KeySnapshot[] = [];
    for (const t of this.keys()) if (t.skipped === undefined && (t.spans > 0 || t.unsupported > 0)) keys.push(t.snapshot());
    return { classSpans: [...this.classSpans], droppedKeys: this.droppedKeys, keys };
  }

  /** Adds another thread's tally (made with the same options); `mapClass` turns its classes into this one's (−1: neither side). */
  merge(s: TallySnapshot, mapClass: (cls: number) => number = (cls) => cls): void {
    for (let c = 0; c < s.classSpans.length; c++) {
      const to = mapClass(c);
      if (to >= 0) this.classSpans[to]! += s.classSpans[c]!;
    }
    this.droppedKeys += s.droppedKeys;
    for (const k of s.keys) {
      const tally = k.where === 'intrinsic' ? this.intrinsics[k.key as Intrinsic] : this.keyOf(k.where === 'span' ? this.spanKeys : this.resourceKeys, k.where, k.key);
      if (tally === undefined) this.droppedKeys += k.spans;
      else if (tally.skipped === undefined) tally.merge(k, mapClass);
    }
  }

  private countSpan(tally: KeyTally): KeyTally {
    tally.spans++;
    return tally;
  }

  private addValue(tally: KeyTally, value: AttrValue, cls: number): void {
    if (value === null) return;
    if (typeof value !== 'object') {
      tally.spans++;
      tally.addScalar(value, cls, true);
      return;
    }
    if (!Array.isArray(value)) {
      tally.unsupported++;
      return;
    }
    // A list counts under each distinct element, as `attr.k = "x"` matches a list holding "x".
    const seen = new Set<Scalar>();
    for (const item of value) {
      if (item === null || typeof item === 'object' || seen.has(item)) continue;
      seen.add(item);
      tally.addScalar(item, cls, false);
    }
    if (seen.size > 0) tally.spans++;
  }

  private addResource(resource: Span['resource'], cls: number): void {
    if (resource === this.lastResource && this.foldCount() === this.lastFolds) {
      for (const c of this.lastResourceValues) {
        if (c.slot < 0) this.addValue(c.tally, c.value, cls);
        else {
          c.tally.spans++;
          c.tally.count(c.slot, cls, true);
        }
      }
      return;
    }
    if (resource !== this.previousResource) {
      // A resource seen once (a Zipkin endpoint is one per span): counted as it is, nothing cached.
      this.previousResource = resource;
      for (const key in resource) {
        if (!Object.hasOwn(resource, key)) continue;
        const tally = this.keyOf(this.resourceKeys, 'resource', key);
        if (tally !== undefined && tally.skipped === undefined) this.addValue(tally, resource[key]!, cls);
      }
      return;
    }
    // Seen twice in a row (OTLP resource, Jaeger process): look its slots up once for every span to come.
    this.lastResource = resource;
    this.lastResourceValues = [];
    for (const key in resource) {
      if (!Object.hasOwn(resource, key)) continue;
      const tally = this.keyOf(this.resourceKeys, 'resource', key);
      if (tally === undefined || tally.skipped !== undefined) continue;
      this.lastResourceValues.push({ tally, value: resource[key]!, slot: -1 });
    }
    for (const c of this.lastResourceValues) {
      if (c.value === null || typeof c.value === 'object') this.addValue(c.tally, c.value, cls);
      else {
        c.tally.spans++;
        c.slot = c.tally.addScalar(c.value, cls, true);
      }
    }
    this.lastFolds = this.foldCount();
  }

  /** Folds so far over the cached resource keys (a fold moves slots: cached ones must be looked up again). */
  private foldCount(): number {
    let n = 0;
    for (const c of this.lastResourceValues) n += c.tally.folds;
    return n;
  }

  private keyOf(map: Map<string, KeyTally>, where: 'span' | 'resource', key: string): KeyTally | undefined {
    const known = map.get(key);
    if (known !== undefined) return known;
    // An empty key cannot be written in --where: nothing to point a finding at.
    if (key === '') return undefined;
    if (this.keyCount >= this.keyCap) {
      this.droppedKeys++;
      return undefined;
    }
    this.keyCount++;
    const scope = where === 'span' ? spanAttributeScope(key) : 'resource';
    const tally = new KeyTally(scope, key, where, this.options.filter.skipReason(where, key), this.valueCap);
    map.set(key, tally);
    return tally;
  }
}
