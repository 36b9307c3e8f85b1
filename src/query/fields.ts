/**
 * Turns a field name as written (`service`, `parent.kind`, `attr.http.status_code`,
 * `resource."k8s pod"`, `trace.duration`) into a typed reference, or an error that suggests the
 * nearest real name: a misspelt field should say so, not silently match nothing.
 */
import type { FieldRef, FieldType, SpanIntrinsic, TraceIntrinsic } from './ast.js';
import type { Token } from './lexer.js';
import { QuerySyntaxError } from './query-error.js';

const SPAN_FIELDS: Readonly<Record<string, { name: SpanIntrinsic; type: FieldType }>> = {
  service: { name: 'service', type: 'text' },
  name: { name: 'name', type: 'text' },
  operation: { name: 'name', type: 'text' },
  duration: { name: 'duration', type: 'duration' },
  status: { name: 'status', type: 'status' },
  kind: { name: 'kind', type: 'kind' },
  error: { name: 'error', type: 'bool' },
  root: { name: 'root', type: 'bool' },
  id: { name: 'id', type: 'text' },
  depth: { name: 'depth', type: 'number' },
};

const TRACE_FIELDS: Readonly<Record<string, { name: TraceIntrinsic; type: FieldType }>> = {
  duration: { name: 'duration', type: 'duration' },
  id: { name: 'id', type: 'text' },
  spans: { name: 'spans', type: 'number' },
  errors: { name: 'errors', type: 'number' },
  services: { name: 'services', type: 'number' },
  service: { name: 'service', type: 'text' },
  name: { name: 'name', type: 'text' },
};

/** Attribute scopes: `span.` is TraceQL's spelling of `attr.`. */
const ATTR_SCOPES: Readonly<Record<string, 'attr' | 'resource'>> = { attr: 'attr', span: 'attr', resource: 'resource' };

const FIRST_WORDS = [...Object.keys(SPAN_FIELDS), ...Object.keys(ATTR_SCOPES), 'parent', 'trace'];

/** Resolves a word token (with its quoted key, if any) to a field; throws with the token's column. */
export function resolveField(source: string, token: Token): FieldRef {
  const { start, end } = token;
  const text = token.text;
  const fail = (reason: string): never => {
    throw new QuerySyntaxError(source, start, reason);
  };
  // The part before the quoted key (`attr.` in `attr."a b"`), or the whole word.
  const head = token.quotedKey !== undefined ? text.slice(0, text.search(/["']/)) : text;
  let rest = head;
  let scope: 'span' | 'parent' = 'span';
  if (rest.startsWith('parent.')) {
    scope = 'parent';
    rest = rest.slice('parent.'.length);
    const inner = /^(parent|trace)\./.exec(rest);
    if (inner !== null) fail(`'parent.' takes a span field, not '${inner[0]}'`);
  } else if (rest.startsWith('trace.') && token.quotedKey === undefined) {
    const field = TRACE_FIELDS[rest.slice('trace.'.length)];
    if (field === undefined) fail(`unknown field '${text}'${suggest(rest.slice('trace.'.length), Object.keys(TRACE_FIELDS), 'trace.')}`);
    return { scope: 'trace', name: field!.name, type: field!.type, text, start, end };
  }
  if (rest.startsWith('.') || rest === '') {
    const key = token.quotedKey ?? rest.slice(1);
    if (key === '') fail(`expected an attribute name after '${head}'`);
    return { scope, name: 'any', key, type: 'attr', text, start, end };
  }
  const dot = rest.indexOf('.');
  const first = dot < 0 ? rest : rest.slice(0, dot);
  const attrScope = ATTR_SCOPES[first];
  if (attrScope !== undefined && dot >= 0) {
    const key = token.quotedKey ?? rest.slice(dot + 1);
    if (key === '') fail(`expected an attribute name after '${head}'`);
    return { scope, name: attrScope, key, type: 'attr', text, start, end };
  }
  const field = token.quotedKey === undefined ? SPAN_FIELDS[rest] : undefined;
  if (field !== undefined) return { scope, name: field.name, type: field.type, text, start, end };
  if (attrScope !== undefined) fail(`expected an attribute name after '${first}.', as in ${first}.http.method`);
  const prefix = scope === 'parent' ? 'parent.' : '';
  return fail(`unknown field '${text}'${suggestFirst(rest, prefix)}`);
}

function suggestFirst(rest: string, prefix: string): string {
  const dot = rest.indexOf('.');
  const first = dot < 0 ? rest : rest.slice(0, dot);
  const tail = dot < 0 ? '' : rest.slice(dot);
  const candidates = prefix === '' ? FIRST_WORDS : FIRST_WORDS.filter((w) => w !== 'parent' && w !== 'trace');
  const best = nearest(first, candidates);
  if (best !== undefined) return ` (did you mean '${prefix}${best}${tail}'?)`;
  return ' (fields: service, name, duration, status, kind, error, root, id, depth, attr.KEY, resource.KEY, parent.FIELD, trace.FIELD)';
}

function suggest(word: string, candidates: readonly string[], prefix: string): string {
  const best = nearest(word, candidates);
  return best === undefined ? ` (trace fields: ${candidates.map((c) => prefix + c).join(', ')})` : ` (did you mean '${prefix}${best}'?)`;
}

/** The candidate within edit distance 2 (1 for short words), if any. */
function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = word.length <= 3 ? 1 : 2;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
