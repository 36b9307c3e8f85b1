import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGETS_SCHEMA } from '../../src/check/budgets-schema.js';
import { parseBudgetsFile } from '../../src/check/parse-budgets-file.js';
import { SUPPORTED_KEYWORDS, validateJsonSchema } from '../../src/check/validate-json-schema.js';

const message = (text: string): string => {
  try {
    parseBudgetsFile(text, 'budgets.json');
  } catch (err) {
    expect((err as { exitCode: number }).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('parseBudgetsFile', () => {
  it('strings and objects with a name', () => {
    const budgets = parseBudgetsFile('{"$schema": "./budgets.schema.json", "budgets": ["a:p99<1s", {"budget": "trace:duration<2s", "name": "no slow trace", "description": "why"}]}', 'b.json');
    expect(budgets.map((b) => [b.expression, b.name])).toEqual([
      ['a:p99<1s', undefined],
      ['trace:duration<2s', 'no slow trace'],
    ]);
  });

  it.each([
    ['{\n  "budgets": [\n    "a:p99<1s",\n  ]\n}', 'budgets.json: malformed JSON at line 4, column 3: unexpected "]": expected a JSON value'],
    ['', 'budgets.json: malformed JSON at line 1, column 1: unexpected end of input'],
    ['[]', 'budgets.json: expected an object, got an array (see tracectl check --print-schema)'],
    ['{}', 'budgets.json: missing required property "budgets" (see tracectl check --print-schema)'],
    ['{"budgets": []}', 'budgets.json: budgets: must have at least 1 item (see tracectl check --print-schema)'],
    ['{"budgets": ["a:p99<1s", 3]}', 'budgets.json: budgets[1]: expected a string or an object, got the number 3 (see tracectl check --print-schema)'],
    ['{"budgets": [""]}', 'budgets.json: budgets[0]: must not be empty (see tracectl check --print-schema)'],
    ['{"budgets": [{"name": "x"}]}', 'budgets.json: budgets[0]: missing required property "budget" (see tracectl check --print-schema)'],
    ['{"budgets": [{"budget": 5}]}', 'budgets.json: budgets[0].budget: expected a string, got the number 5 (see tracectl check --print-schema)'],
    ['{"budgets": [{"budget": "a:p99<1s", "limit": 3}]}', 'budgets.json: budgets[0].limit: unknown property "limit" (allowed: budget, name, description) (see tracectl check --print-schema)'],
    ['{"budgets": ["a:p99<1s"], "extra": true}', 'budgets.json: extra: unknown property "extra" (allowed: $schema, budgets) (see tracectl check --print-schema)'],
  ])('%j', (text, expected) => {
    expect(message(text)).toBe(expected);
  });

  it('a bad expression points at its column, and says which entry', () => {
    expect(message('{"budgets": ["a:p99<1s", {"budget": "a:p99<1x"}]}')).toBe(
      "budgets.json: budgets[1].budget: unknown duration unit 'x' (expected ns, us, ms, s, m or h) at column 8\n  a:p99<1x\n         ^",
    );
    expect(message('{"budgets": ["frontend p99 < 1s"]}')).toBe(
      "budgets.json: budgets[0]: no ':' between the target and the metric (expected e.g. frontend:p99<300ms) at column 1\n  frontend p99 < 1s\n  ^",
    );
  });
});

describe('the budgets schema', () => {
  it('the JSON file in the repository is the schema tracectl validates with', () => {
    const file = JSON.parse(readFileSync(new URL('../../src/check/budgets.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(file).toEqual(BUDGETS_SCHEMA);
  });

  it('uses only keywords the validator checks (or ones that constrain nothing)', () => {
    const annotations = new Set(['$schema', 'title', 'description', 'examples', '$defs']);
    const used = new Set<string>();
    const stack: unknown[] = [BUDGETS_SCHEMA];
    while (stack.length > 0) {
      const s = stack.pop();
      if (Array.isArray(s)) stack.push(...s);
      else if (typeof s === 'object' && s !== null) {
        for (const [k, v] of Object.entries(s)) {
          if (k === 'properties' || k === '$defs') stack.push(...Object.values(v as object));
          else {
            used.add(k);
            if (typeof v === 'object') stack.push(v);
          }
        }
      }
    }
    const unchecked = [...used].filter((k) => !annotations.has(k) && !(SUPPORTED_KEYWORDS as readonly string[]).includes(k));
    expect(unchecked).toEqual([]);
  });

  it('the example file validates', () => {
    const text = readFileSync(new URL('../../fixtures/check/budgets.json', import.meta.url), 'utf8');
    expect(validateJsonSchema(JSON.parse(text), BUDGETS_SCHEMA)).toBeUndefined();
    expect(parseBudgetsFile(text, 'budgets.json').length).toBeGreaterThan(0);
  });

  it('validateJsonSchema: pattern, oneOf with several matches, integer', () => {
    expect(validateJsonSchema('ab', { type: 'string', pattern: '^a$' })).toEqual({ path: '', message: 'does not match the pattern ^a$' });
    expect(validateJsonSchema('ab', { type: 'string', pattern: '^a$' }, { skip: ['pattern'] })).toBeUndefined();
    expect(validateJsonSchema('x', { oneOf: [{ type: 'string' }, { minLength: 1 }] })).toEqual({ path: '', message: 'matches more than one of the allowed forms' });
    expect(validateJsonSchema(1.5, { type: 'integer' })).toEqual({ path: '', message: 'expected an integer, got the number 1.5' });
    expect(validateJsonSchema([1, 'x'], { type: 'array', items: { type: 'number' } })).toEqual({ path: '[1]', message: 'expected a number, got a string' });
  });
});
