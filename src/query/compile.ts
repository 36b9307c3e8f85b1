/**
 * Turns a parsed `--where` expression into a predicate over spans, checking types first so that
 * `duration > 100` or `kind = sever` fail with a column instead of silently matching nothing.
 * `and`/`or` chains become loops (no recursion on their length); `has …` conditions compute their
 * answer for a whole trace once and then answer each span by index.
 */
import type { AttrValue } from '../model/span.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { Expr, FieldRef, FieldType, Operand } from './ast.js';
import { compareValue, type Right } from './compare-value.js';
import { resolveField } from './fields.js';
import { UNIT_LIST, type CompareOp } from './lexer.js';
import { QuerySyntaxError } from './query-error.js';
import { compileRegex, RegexTooLargeError, type RegexMatcher } from './regex-matcher.js';
import { RegexSyntaxError } from './regex-syntax.js';
import { relationMarks } from './relation-marks.js';

/** Whether a span (a node of `trace`) is selected. */
export type SpanPredicate = (node: SpanNode, trace: Trace) => boolean;

/** Longest regular expression accepted, in characters. */
const MAX_PATTERN_LENGTH = 1024;

type Getter = (node: SpanNode, trace: Trace) => AttrValue | undefined;

const KINDS = ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'];
const STATUSES = ['unset', 'ok', 'error'];
/** Which literal suits each fixed-type field. */
const LITERAL_KIND: Readonly<Record<Exclude<FieldType, 'attr' | 'kind' | 'status'>, Operand['kind']>> = {
  text: 'string',
  number: 'number',
  duration: 'duration',
  bool: 'bool',
};
const TYPE_NAMES: Readonly<Record<FieldType, string>> = {
  text: 'text',
  number: 'a number',
  duration: 'a duration',
  bool: 'true or false',
  kind: 'a span kind',
  status: 'a status',
  attr: 'an attribute',
};

export function compileExpr(source: string, root: Expr): SpanPredicate {
  return new Compiler(source).compile(root);
}

class Compiler {
  constructor(private readonly source: string) {}

  compile(e: Expr): SpanPredicate {
    switch (e.type) {
      case 'and':
      case 'or':
        return this.chain(e);
      case 'not': {
        const inner = this.compile(e.operand);
        return (node, trace) => !inner(node, trace);
      }
      case 'flag': {
        const get = getter(e.field);
        return (node, trace) => get(node, trace) === true;
      }
      case 'has': {
        const inner = this.compile(e.operand);
        const relation = e.relation;
        let cachedTrace: Trace | undefined;
        let marks: Uint8Array = new Uint8Array(0);
        return (node, trace) => {
          if (trace !== cachedTrace) {
            marks = relationMarks(trace, inner, relation);
            cachedTrace = trace;
          }
          return marks[node.index] === 1;
        };
      }
      case 'compare':
        return this.compare(e.field, e.op, e.opStart, e.value);
    }
  }

  /** `a and b and c` (however it was grouped) as one short-circuiting loop. */
  private chain(e: Expr & { type: 'and' | 'or' }): SpanPredicate {
    const parts: SpanPredicate[] = [];
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.type === e.type) stack.push(x.right, x.left);
      else parts.push(this.compile(x));
    }
    if (e.type === 'and') {
      return (node, trace) => {
        for (const p of parts) if (!p(node, trace)) return false;
        return true;
      };
    }
    return (node, trace) => {
      for (const p of parts) if (p(node, trace)) return true;
      return false;
    };
  }

  private compare(field: FieldRef, op: CompareOp, opStart: number, value: Operand): SpanPredicate {
    const left = getter(field);
    const type = field.type;
    const name = `'${field.text}'`;
    if (op === '=~' || op === '!~') {
      if (type !== 'text' && type !== 'attr') this.fail(opStart, `'${op}' works on text and attributes; ${name} is ${TYPE_NAMES[type]}`);
      if (value.kind !== 'string') this.fail(value.start, `expected a quoted regular expression after '${op}', found ${value.text}`);
      const matcher = this.regex(value as Operand & { kind: 'string' });
      return (node, trace) => compareValue(left(node, trace), op, matcher);
    }
    const equality = op === '=' || op === '!=';
    if (value.kind === 'nil') {
      if (type !== 'attr' && field.scope !== 'parent') this.fail(value.start, `only attributes and parent fields can be nil; ${name} always has a value`);
      if (!equality) this.fail(opStart, `nil can only be compared with = or !=`);
      return op === '=' ? (node, trace) => isMissing(left(node, trace)) : (node, trace) => !isMissing(left(node, trace));
    }
    if (!equality && (type === 'bool' || type === 'kind' || type === 'status')) this.fail(opStart, `${name} can only be compared with = or !=`);

    if (value.kind === 'word') {
      if ((type === 'kind' || type === 'status') && (type === 'kind' ? KINDS : STATUSES).includes(value.text)) {
        return this.literal(left, op, value.text);
      }
      const other = this.operandField(value, field, op);
      this.checkFieldTypes(field, other, value.start);
      const right = getter(other);
      return (node, trace) => {
        const r = right(node, trace);
        return r !== undefined && r !== null && typeof r !== 'object' && compareValue(left(node, trace), op, r);
      };
    }
    const fits =
      type === 'attr'
        ? value.kind !== 'duration'
        : type === 'kind' || type === 'status'
          ? value.kind === 'string' && (type === 'kind' ? KINDS : STATUSES).includes(value.value)
          : value.kind === LITERAL_KIND[type];
    if (!fits) this.mismatch(field, op, value);
    return this.literal(left, op, (value as Operand & { value: string | number | boolean }).value);
  }

  /** The value does not suit the field: say what would. */
  private mismatch(field: FieldRef, op: CompareOp, value: Operand): never {
    const name = `'${field.text}' is ${TYPE_NAMES[field.type]}`;
    switch (field.type) {
      case 'text':
        if (value.kind === 'word') this.fail(value.start, `unknown field '${value.text}' (quote text values: "${value.text}")`);
        return this.fail(value.start, `expected a quoted string after '${op}' (${name}), found ${value.text}`);
      case 'number':
        return this.fail(value.start, `expected a number after '${op}' (${name}), found ${value.text}`);
      case 'duration':
        return this.fail(value.start, `expected a duration with a unit after '${op}', such as 100ms (units: ${UNIT_LIST}), found ${value.text}`);
      case 'bool':
        return this.fail(value.start, `expected true or false after '${op}' (${name}), found ${value.text}`);
      case 'kind':
      case 'status':
        return this.unknownEnum(field, value);
      case 'attr':
        if (value.kind === 'word') this.fail(value.start, `unknown field '${value.text}' (quote text values: "${value.text}")`);
        return this.fail(value.start, `attributes hold plain values: compare with a number as stored, found ${value.text}`);
    }
  }

  private literal(left: Getter, op: CompareOp, right: Right): SpanPredicate {
    return (node, trace) => compareValue(left(node, trace), op, right);
  }

  /** A bare word on the right: an enum value, or another field. */
  private operandField(value: Operand & { kind: 'word' }, left: FieldRef, op: CompareOp): FieldRef {
    const token = { type: 'word' as const, text: value.text, start: value.start, end: value.end, ...(value.quotedKey !== undefined ? { quotedKey: value.quotedKey } : {}) };
    try {
      return resolveField(this.source, token);
    } catch (err) {
      // A plain word that is no field is a value that does not suit the left side; a dotted one
      // was meant as a field, and its own message (with a suggestion) says more.
      if (!value.text.includes('.') && value.quotedKey === undefined) this.mismatch(left, op, value);
      throw err;
    }
  }

  private checkFieldTypes(left: FieldRef, right: FieldRef, at: number): void {
    const a = left.type;
    const b = right.type;
    const ok = a === b || (a === 'attr' && b !== 'duration') || (b === 'attr' && a !== 'duration');
    if (!ok) this.fail(at, `cannot compare '${left.text}' (${TYPE_NAMES[a]}) with '${right.text}' (${TYPE_NAMES[b]})`);
  }

  private regex(value: Operand & { kind: 'string' }): RegexMatcher {
    const length = [...value.value].length;
    if (length > MAX_PATTERN_LENGTH) this.fail(value.start, `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters (${length})`);
    try {
      return compileRegex(value.value);
    } catch (err) {
      if (err instanceof RegexSyntaxError) this.fail(offsetInString(value.text, value.start, err.index), `invalid regular expression: ${err.message}`);
      if (err instanceof RegexTooLargeError) this.fail(value.start, err.message);
      throw err;
    }
  }

  private unknownEnum(field: { type: FieldType; text: string }, value: Operand): never {
    const list = field.type === 'kind' ? KINDS : STATUSES;
    const shown = value.kind === 'string' ? value.value : value.text;
    const words = `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
    return this.fail(value.start, `unknown ${field.type} '${shown}': expected ${words}`);
  }

  private fail(offset: number, reason: string): never {
    throw new QuerySyntaxError(this.source, offset, reason);
  }
}

function isMissing(v: AttrValue | undefined): boolean {
  return v === undefined || v === null;
}

function own(bag: Readonly<Record<string, AttrValue>>, key: string): AttrValue | undefined {
  return Object.hasOwn(bag, key) ? bag[key] : undefined;
}

/** Reads a field; undefined when the span has no such value (missing attribute, no parent). */
function getter(field: FieldRef): Getter {
  if (field.scope === 'trace') {
    switch (field.name) {
      case 'duration':
        return (_n, t) => t.durationNs;
      case 'id':
        return (_n, t) => t.traceId;
      case 'spans':
        return (_n, t) => t.nodes.length;
      case 'errors':
        return (_n, t) => t.errorCount;
      case 'services':
        return (_n, t) => t.services.length;
      case 'service':
        return (_n, t) => t.root.span.service;
      case 'name':
        return (_n, t) => t.root.span.operation;
    }
  }
  const read = nodeReader(field);
  if (field.scope === 'parent') return (n) => (n.parent === undefined ? undefined : read(n.parent));
  return read;
}

function nodeReader(field: FieldRef & { scope: 'span' | 'parent' }): (node: SpanNode) => AttrValue | undefined {
  switch (field.name) {
    case 'service':
      return (n) => n.span.service;
    case 'name':
      return (n) => n.span.operation;
    case 'duration':
      return (n) => n.durationNs;
    case 'status':
      return (n) => n.span.status;
    case 'kind':
      return (n) => n.span.kind;
    case 'error':
      return (n) => n.span.status === 'error';
    case 'root':
      return (n) => n.parent === undefined;
    case 'id':
      return (n) => n.span.spanId;
    case 'depth':
      return (n) => n.depth;
    case 'attr': {
      const key = field.key;
      return (n) => own(n.span.attributes, key);
    }
    case 'resource': {
      const key = field.key;
      return (n) => own(n.span.resource, key);
    }
    case 'any': {
      const key = field.key;
      return (n) => own(n.span.attributes, key) ?? own(n.span.resource, key);
    }
  }
}

/**
 * Where the `index`-th character of a string's value sits in the expression: escapes (`\"`) are two
 * characters in the source but one in the value; kept backslashes (`\.`) are two in both.
 */
function offsetInString(raw: string, start: number, index: number): number {
  let produced = 0;
  let i = 1;
  while (i < raw.length - 1 && produced < index) {
    const ch = raw.charAt(i);
    if (ch === '\\') {
      const next = raw.charAt(i + 1);
      produced += '"\'\\ntr'.includes(next) ? 1 : 2;
      i += 2;
    } else {
      const cp = raw.codePointAt(i)!;
      produced++;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return start + i;
}
