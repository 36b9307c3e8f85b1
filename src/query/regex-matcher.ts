/**
 * A regular expression matcher that cannot be made slow: the pattern becomes a Thompson NFA and
 * the subject is read once, keeping the set of live states (Russ Cox, "Regular Expression Matching
 * Can Be Simple And Fast"). Time is O(pattern states × subject length) for every pattern, so
 * `(a+)+b` or `.*.*.*x` on a megabyte attribute costs what `a` does. Only a yes/no answer is needed
 * (no captures), which keeps the simulation a plain state-set walk.
 *
 * Matching is anchored at both ends, as TraceQL's regexes are since Tempo adopted Prometheus's
 * anchored matcher: `GET /api/.*` must match the whole value; write `.*api.*` to search inside it.
 */
import { parseRegex, type RegexNode } from './regex-syntax.js';

/** Most NFA states a pattern may compile to (counted repetition multiplies states). */
const MAX_STATES = 10_000;
/** Distinct subjects whose answers are remembered (services and span names repeat a lot). */
const MEMO_LIMIT = 4096;

export interface RegexMatcher {
  /** Whether the whole of `subject` matches. */
  test(subject: string): boolean;
}

const CHAR = 0;
const ANY = 1;
const SET = 2;
const SPLIT = 3;
const BOL = 4;
const EOL = 5;
const JUMP = 6;
const MATCH = 7;

interface State {
  op: number;
  cp: number;
  ranges: readonly (readonly [number, number])[];
  negated: boolean;
  out: number;
  out2: number;
}

export class RegexTooLargeError extends Error {}

/** Compiles a pattern (see regex-syntax.ts for the syntax). Throws RegexSyntaxError or RegexTooLargeError. */
export function compileRegex(pattern: string): RegexMatcher {
  const { node, ignoreCase } = parseRegex(pattern);
  const states: State[] = [];
  const add = (s: Partial<State> & { op: number }): number => {
    if (states.length >= MAX_STATES) throw new RegexTooLargeError(`the regular expression needs more than ${MAX_STATES} states`);
    states.push({ cp: 0, ranges: [], negated: false, out: -1, out2: -1, ...s });
    return states.length - 1;
  };
  const matchState = add({ op: MATCH });
  const fold = ignoreCase ? foldCase : (cp: number): number => cp;

  /** Compiles `n` so that it continues to state `next`; returns its entry state. */
  const build = (n: RegexNode, next: number): number => {
    switch (n.t) {
      case 'char':
        return add({ op: CHAR, cp: fold(n.cp), out: next });
      case 'any':
        return add({ op: ANY, out: next });
      case 'set':
        return add({ op: SET, ranges: n.ranges, negated: n.negated, out: next });
      case 'bol':
        return add({ op: BOL, out: next });
      case 'eol':
        return add({ op: EOL, out: next });
      case 'seq': {
        let entry = next;
        for (let k = n.items.length - 1; k >= 0; k--) entry = build(n.items[k]!, entry);
        if (entry === next) return add({ op: JUMP, out: next });
        return entry;
      }
      case 'alt': {
        let entry = build(n.items[n.items.length - 1]!, next);
        for (let k = n.items.length - 2; k >= 0; k--) entry = add({ op: SPLIT, out: build(n.items[k]!, next), out2: entry });
        return entry;
      }
      case 'repeat': {
        let entry = next;
        if (n.max === Infinity) {
          const loop = add({ op: SPLIT, out2: next });
          states[loop]!.out = build(n.node, loop);
          entry = loop;
        } else {
          for (let k = n.min; k < n.max; k++) entry = add({ op: SPLIT, out: build(n.node, entry), out2: next });
        }
        for (let k = 0; k < n.min; k++) entry = build(n.node, entry);
        return entry;
      }
    }
  };
  const start = build(node, matchState);
  return memoize(new Simulation(states, start, ignoreCase));
}

class Simulation implements RegexMatcher {
  private readonly marks: Uint32Array;
  private generation = 0;
  private current: Int32Array;
  private next: Int32Array;
  private readonly stack: Int32Array;

  constructor(
    private readonly states: readonly State[],
    private readonly start: number,
    private readonly ignoreCase: boolean,
  ) {
    this.marks = new Uint32Array(states.length);
    this.current = new Int32Array(states.length);
    this.next = new Int32Array(states.length);
    this.stack = new Int32Array(states.length * 2 + 1);
  }

  test(subject: string): boolean {
    let count = this.close(this.current, 0, this.start, 0, subject.length);
    let i = 0;
    while (i < subject.length) {
      if (count === 0) return false;
      const raw = subject.codePointAt(i)!;
      const width = raw > 0xffff ? 2 : 1;
      const cp = this.ignoreCase ? foldCase(raw) : raw;
      this.generation++;
      let nextCount = 0;
      for (let k = 0; k < count; k++) {
        const s = this.states[this.current[k]!]!;
        if (this.consumes(s, cp, raw)) nextCount = this.close(this.next, nextCount, s.out, i + width, subject.length, true);
      }
      const swap = this.current;
      this.current = this.next;
      this.next = swap;
      count = nextCount;
      i += width;
    }
    for (let k = 0; k < count; k++) if (this.states[this.current[k]!]!.op === MATCH) return true;
    return false;
  }

  private consumes(s: State, cp: number, raw: number): boolean {
    switch (s.op) {
      case CHAR:
        return s.cp === cp;
      case ANY:
        return true;
      case SET: {
        let hit = inRanges(s.ranges, raw);
        if (!hit && this.ignoreCase) hit = inRanges(s.ranges, cp) || inRanges(s.ranges, upperCase(raw));
        return hit !== s.negated;
      }
      default:
        return false;
    }
  }

  /**
   * Adds `from` and every state reachable from it without reading (splits, jumps, anchors that hold
   * at `pos`) to `list`, with an explicit stack; returns the new length. `sameGeneration` continues
   * the marks of the step in progress.
   */
  private close(list: Int32Array, length: number, from: number, pos: number, end: number, sameGeneration = false): number {
    if (!sameGeneration) this.generation++;
    const gen = this.generation;
    let top = 0;
    this.stack[top++] = from;
    while (top > 0) {
      const id = this.stack[--top]!;
      if (this.marks[id] === gen) continue;
      this.marks[id] = gen;
      const s = this.states[id]!;
      switch (s.op) {
        case SPLIT:
          this.stack[top++] = s.out2;
          this.stack[top++] = s.out;
          break;
        case JUMP:
          this.stack[top++] = s.out;
          break;
        case BOL:
          if (pos === 0) this.stack[top++] = s.out;
          break;
        case EOL:
          if (pos === end) this.stack[top++] = s.out;
          break;
        default:
          list[length++] = id;
      }
    }
    return length;
  }
}

function inRanges(ranges: readonly (readonly [number, number])[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

function foldCase(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  const lower = String.fromCodePoint(cp).toLowerCase();
  return [...lower].length === 1 ? lower.codePointAt(0)! : cp;
}

function upperCase(cp: number): number {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a ? cp - 32 : cp;
  const upper = String.fromCodePoint(cp).toUpperCase();
  return [...upper].length === 1 ? upper.codePointAt(0)! : cp;
}

function memoize(inner: RegexMatcher): RegexMatcher {
  const memo = new Map<string, boolean>();
  return {
    test(subject: string): boolean {
      const known = memo.get(subject);
      if (known !== undefined) return known;
      const answer = inner.test(subject);
      if (subject.length <= 256) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(subject, answer);
      }
      return answer;
    },
  };
}
