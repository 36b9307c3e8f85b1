/**
 * Checks a JSON value against a JSON Schema, for the few keywords tracectl's own schemas use: type,
 * properties, required, additionalProperties (false), items, minItems, minLength, pattern, oneOf and
 * local $ref. Any other keyword is ignored, so a schema using more must grow this first (the schema
 * test fails if it does not). Written here rather than pulling in a validator: the budgets file is
 * small, and its schema is the only one.
 *
 * Returns the first problem with a path into the value ("budgets[2].name"), or undefined. No
 * recursion on the value's depth beyond the schema's own (the schema is a few levels deep).
 */

export interface SchemaProblem {
  /** Where in the value: "" for the top, "budgets[2]", "budgets[0].name". */
  readonly path: string;
  readonly message: string;
}

type Schema = { readonly [key: string]: unknown };

/** Keywords this validator understands; a schema test asserts the schemas use no others that constrain. */
export const SUPPORTED_KEYWORDS = ['type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'minLength', 'pattern', 'oneOf', '$ref'] as const;

export interface ValidateOptions {
  /**
   * Keywords not to check, when the caller checks the same thing better: tracectl reads budget
   * expressions with a parser that points at the column, where `pattern` could only say "no match".
   */
  readonly skip?: readonly string[];
}

export function validateJsonSchema(value: unknown, schema: Schema, options: ValidateOptions = {}): SchemaProblem | undefined {
  return check(value, schema, schema, '', new Set(options.skip ?? []));
}

function check(value: unknown, schema: Schema, root: Schema, path: string, skip: ReadonlySet<string>): SchemaProblem | undefined {
  const s = resolve(schema, root);
  const problem = (message: string): SchemaProblem => ({ path, message });

  if (Array.isArray(s.oneOf)) {
    const alternatives = (s.oneOf as Schema[]).map((alt) => resolve(alt, root));
    const results = alternatives.map((alt) => check(value, alt, root, path, skip));
    const passing = results.filter((r) => r === undefined).length;
    if (passing > 1) return problem('matches more than one of the allowed forms');
    if (passing === 0) {
      // The alternatives of the value's own type say best what is wrong with it.
      const sameType = alternatives.map((alt, i) => ({ alt, i })).filter(({ alt }) => alt.type === undefined || typeMatches(value, alt.type as string));
      if (sameType.length === 1) return results[sameType[0]!.i];
      const types = [...new Set(alternatives.map((alt) => alt.type).filter((t): t is string => typeof t === 'string'))];
      return problem(`expected ${types.map(article).join(' or ')}, got ${describe(value)}`);
    }
  }

  if (typeof s.type === 'string' && !typeMatches(value, s.type)) return problem(`expected ${article(s.type)}, got ${describe(value)}`);

  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) return problem(s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters`);
    if (typeof s.pattern === 'string' && !skip.has('pattern') && !new RegExp(s.pattern, 'u').test(value)) return problem(`does not match the pattern ${s.pattern}`);
  }

  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return problem(`must have at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
    if (s.items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const p = check(value[i], s.items as Schema, root, `${path}[${i}]`, skip);
        if (p !== undefined) return p;
      }
    }
  }

  if (isObject(value)) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[]) {
      if (!Object.hasOwn(value, key)) return problem(`missing required property "${key}"`);
    }
    for (const [key, v] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (sub === undefined) {
        if (s.additionalProperties === false) {
          const known = Object.keys(properties);
          return { path: childPath, message: `unknown property "${key}"${known.length > 0 ? ` (allowed: ${known.join(', ')})` : ''}` };
        }
        continue;
      }
      const p = check(v, sub, root, childPath, skip);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/** Follows a local reference ("#/$defs/expression"). */
function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string'; hops++) {
    if (hops > 32 || !s.$ref.startsWith('#/')) throw new Error(`schema: cannot resolve $ref ${s.$ref}`);
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = (target as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!isObject(target)) throw new Error(`schema: $ref ${s.$ref} points at nothing`);
    s = target;
  }
  return s;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
