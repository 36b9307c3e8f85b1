/**
 * A statement tracectl sends to ClickHouse: SQL text with `{name:Type}` placeholders, and the values
 * that go with them. Values never enter the text: the server substitutes them after parsing, so no
 * service name, attribute key or --where string from a user or a dump can change what the statement
 * does. The text is built only from tracectl's own fragments.
 */

export type ParamValue = string | number | boolean | readonly string[] | readonly number[];

export interface Statement {
  /** What the statement computes, in a few words (shown by --explain). */
  readonly purpose: string;
  readonly sql: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/**
 * Collects the parameters of one statement under generated names (p0, p1, ...), so fragments built
 * in different places cannot collide; `ref` returns the placeholder to put in the SQL.
 */
export class Params {
  private readonly values: Record<string, ParamValue> = {};
  private next = 0;

  constructor(fixed: Readonly<Record<string, ParamValue>> = {}) {
    Object.assign(this.values, fixed);
  }

  /** A new parameter holding `value`, as `{pN:type}`. */
  ref(type: string, value: ParamValue): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  /** A parameter with a chosen name (table and time range, shared by every statement of a run). */
  named(name: string, type: string, value: ParamValue): string {
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  get all(): Readonly<Record<string, ParamValue>> {
    return { ...this.values };
  }
}
