/**
 * `--where` as a ClickHouse condition on one row of the spans table, for the commands that
 * aggregate in ClickHouse. It selects the same spans the local predicate (query/compile.ts) selects,
 * comparison for comparison: a missing attribute matches nothing (`!=` included), a number compares
 * with an attribute whose text reads as a decimal number, true/false with the text "true"/"false",
 * a regular expression the whole value (query/regex-re2.ts). Every value from the expression — keys,
 * strings, numbers, patterns — is a query parameter.
 *
 * What needs more than the span's own row cannot be computed per row: the tree (`has child (…)`,
 * `root`, `depth`, `parent.…`), the whole trace (`trace.…`) and one field compared with another.
 * Such a part is refused with a UsageError that quotes it; the commands that fetch traces and
 * analyse them locally take every expression.
 *
 * Attribute values are stored as text by the exporter: an array attribute is its JSON text, so
 * `attr.tags = "a"` does not match an element of it as it does in a dump.
 */
import { UsageError } from '../../errors.js';
import type { Expr, FieldRef, Operand } from '../../query/ast.js';
import type { CompareOp } from '../../query/lexer.js';
import { parseWhere } from '../../query/parser.js';
import { toRe2 } from '../../query/regex-re2.js';
import { DURATION_SQL, ERROR_SQL, KIND_SQL, SERVICE_SQL, STATUS_SQL } from './columns.js';
import { Params } from './statement.js';

/** White space as JavaScript's \s and String.prototype.trim() know it (RE2's \s is ASCII only). */
export const JS_SPACE_CLASS = '[\\x{9}-\\x{D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
/** compare-value.ts DECIMAL: the attribute texts a number compares with. */
export const DECIMAL_RE2 = `^${JS_SPACE_CLASS}*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?${JS_SPACE_CLASS}*$`;

export class UnmappableWhereError extends UsageError {}

/** The condition for `expression` (already checked by the local compiler), or a refusal. */
export function whereSql(expression: string, params: Params): string {
  return new WhereCompiler(expression, params).compile(parseWhere(expression));
}

/**
 * A condition every span matching `expression` meets, for the commands that fetch traces and apply
 * the whole expression here: the expression itself when ClickHouse can compute it (`exact`), else
 * the parts it can: an `and` keeps its computable operands (a span matching the whole matches them),
 * an `or` stands when each of its operands has such a condition, and anything else (the tree, the
 * trace, a `not` over what cannot be computed) is dropped; '1' when nothing is left. Parameters are
 * added for the parts used only.
 */
export function narrowingWhereSql(expression: string, params: Params): { sql: string; exact: boolean } {
  const root = parseWhere(expression);
  const maps = (e: Expr): boolean => {
    try {
      new WhereCompiler(expression, new Params()).compile(e);
      return true;
    } catch (err) {
      if (err instanceof UnmappableWhereError) return false;
      throw err;
    }
  };
  if (maps(root)) return { sql: new WhereCompiler(expression, params).compile(root), exact: true };
  const scratch = (): WhereCompiler => new WhereCompiler(expression, new Params());
  // Compiles into `c` only what it returns: an `or` is tried on a scratch compiler first.
  const necessary = (e: Expr, c: WhereCompiler): string | undefined => {
    if (maps(e)) return c.compile(e);
    if (e.type !== 'and' && e.type !== 'or') return undefined;
    const operands: Expr[] = [];
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.type === e.type) stack.push(x.right, x.left);
      else operands.push(x);
    }
    if (e.type === 'or' && operands.some((x) => necessary(x, scratch()) === undefined)) return undefined;
    const parts = operands.map((x) => necessary(x, c)).filter((p): p is string => p !== undefined);
    if (parts.length <= 1) return parts[0];
    return `(${parts.join(e.type === 'and' ? ' AND ' : ' OR ')})`;
  };
  return { sql: necessary(root, new WhereCompiler(expression, params)) ?? '1', exact: false };
}

/** Whether `expression` can be computed per row in ClickHouse (no refusal). */
function whereMaps(expression: string, params: Params): boolean {
  try {
    whereSql(expression, params);
    return true;
  } catch (err) {
    if (err instanceof UnmappableWhereError) return false;
    throw err;
  }
}

/** A value of the row: its SQL, whether it is there, and how it compares. */
interface Value {
  readonly sql: string;
  /** SQL that is true when the value exists (attributes); undefined: always. */
  readonly present?: string;
  readonly kind: 'text' | 'number' | 'bool' | 'attr';
}

class WhereCompiler {
  constructor(
    private readonly source: string,
    private readonly params: Params,
  ) {}

  compile(e: Expr): string {
    switch (e.type) {
      case 'and':
      case 'or': {
        const parts: string[] = [];
        const stack: Expr[] = [e];
        while (stack.length > 0) {
          const x = stack.pop()!;
          if (x.type === e.type) stack.push(x.right, x.left);
          else parts.push(this.compile(x));
        }
        return `(${parts.join(e.type === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `(NOT ${this.compile(e.operand)})`;
      case 'has':
        return this.refuse(e, 'it needs the span tree');
      case 'flag': {
        const value = this.value(e.field, e);
        return value.kind === 'attr' ? `(${value.present} AND ${value.sql} = 'true')` : `(${value.sql})`;
      }
      case 'compare':
        return this.compare(e);
    }
  }

  private compare(e: Expr & { type: 'compare' }): string {
    if (e.value.kind === 'word' && !this.isEnumWord(e.field, e.value)) return this.refuse(e, 'it compares two fields');
    const left = this.value(e.field, e);
    const op = e.op;
    const operand = e.value;
    if (operand.kind === 'nil') {
      // Only attributes reach here (parent fields are refused, other fields cannot be nil).
      return op === '=' ? `(NOT ${left.present})` : `(${left.present})`;
    }
    if (op === '=~' || op === '!~') {
      const pattern = this.params.ref('String', toRe2((operand as Operand & { kind: 'string' }).value));
      const matched = `match(${left.sql}, ${pattern})`;
      return guard(left, op === '=~' ? matched : `NOT ${matched}`);
    }
    if (operand.kind === 'word') {
      // kind = server, status = error: an enum value.
      return `(${left.sql} ${sqlOp(op)} ${this.params.ref('String', operand.text)})`;
    }
    switch (operand.kind) {
      case 'string':
        return guard(left, `${left.sql} ${sqlOp(op)} ${this.params.ref('String', operand.value)}`);
      case 'duration':
        return `(${left.sql} ${sqlOp(op)} ${this.params.ref('Int64', String(Math.round(operand.value)))})`;
      case 'number': {
        if (left.kind !== 'attr') return `(${left.sql} ${sqlOp(op)} ${this.params.ref('Float64', operand.value)})`;
        const decimal = this.params.ref('String', DECIMAL_RE2);
        const trim = this.params.ref('String', `^${JS_SPACE_CLASS}+|${JS_SPACE_CLASS}+$`);
        const number = `toFloat64OrNull(replaceRegexpAll(${left.sql}, ${trim}, ''))`;
        return guard(left, `match(${left.sql}, ${decimal}) AND ifNull(${number} ${sqlOp(op)} ${this.params.ref('Float64', operand.value)}, 0)`);
      }
      case 'bool': {
        if (left.kind !== 'attr') return `(${left.sql} ${sqlOp(op)} ${operand.value ? 1 : 0})`;
        if (op !== '=' && op !== '!=') return '0';
        return guard(left, `${left.sql} IN ('true', 'false') AND (${left.sql} = 'true') ${sqlOp(op)} ${operand.value ? 1 : 0}`);
      }
    }
  }

  private isEnumWord(field: FieldRef, value: Operand): boolean {
    return (field.type === 'kind' || field.type === 'status') && value.kind === 'word';
  }

  private value(field: FieldRef, at: Expr): Value {
    if (field.scope === 'trace') return this.refuse(at, 'it reads the whole trace');
    if (field.scope === 'parent') return this.refuse(at, "it reads the span's parent");
    switch (field.name) {
      case 'service':
        return { sql: SERVICE_SQL, kind: 'text' };
      case 'name':
        return { sql: 'SpanName', kind: 'text' };
      case 'id':
        return { sql: 'SpanId', kind: 'text' };
      case 'duration':
        return { sql: DURATION_SQL, kind: 'number' };
      case 'status':
        return { sql: STATUS_SQL, kind: 'text' };
      case 'kind':
        return { sql: KIND_SQL, kind: 'text' };
      case 'error':
        return { sql: ERROR_SQL, kind: 'bool' };
      case 'root':
      case 'depth':
        return this.refuse(at, 'it needs the span tree');
      case 'attr':
      case 'resource': {
        const map = field.name === 'attr' ? 'SpanAttributes' : 'ResourceAttributes';
        const key = this.params.ref('String', field.key);
        return { sql: `${map}[${key}]`, present: `mapContains(${map}, ${key})`, kind: 'attr' };
      }
      case 'any': {
        const key = this.params.ref('String', field.key);
        return {
          sql: `if(mapContains(SpanAttributes, ${key}), SpanAttributes[${key}], ResourceAttributes[${key}])`,
          present: `(mapContains(SpanAttributes, ${key}) OR mapContains(ResourceAttributes, ${key}))`,
          kind: 'attr',
        };
      }
    }
  }

  private refuse(at: Expr, why: string): never {
    const part = this.source.slice(at.start, at.end);
    throw new UnmappableWhereError(
      `--where: '${part}' cannot be computed in ClickHouse (${why}); the commands that fetch traces and analyse them here (waterfall, span, critical-path, stats, diff --trace) take it`,
    );
  }
}

/** A comparison on a value that may be missing: false when it is (for `!=` too). */
function guard(value: Value, condition: string): string {
  return value.present === undefined ? `(${condition})` : `(${value.present} AND ${condition})`;
}

function sqlOp(op: CompareOp): string {
  return op === '=' ? '=' : op;
}
