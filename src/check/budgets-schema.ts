/**
 * The JSON Schema of a budgets file (`tracectl check --budgets FILE`). Editors use it to complete and
 * flag a budgets file as it is written; tracectl validates every file against these same rules
 * (validate-json-schema.ts) before reading a single budget, so the schema cannot drift from what the
 * command accepts. It lives in code so it ships in the built package (`tracectl check --print-schema`
 * prints it); src/check/budgets.schema.json is the same document for the repository, and a test keeps
 * the two equal.
 */
export const BUDGETS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'tracectl budgets',
  description: 'Budgets for `tracectl check --budgets FILE`: each is TARGET:METRIC OP LIMIT, e.g. frontend:p99<300ms.',
  type: 'object',
  required: ['budgets'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Where editors find this schema.' },
    budgets: {
      type: 'array',
      minItems: 1,
      description: 'Every budget must hold for the check to pass.',
      items: {
        oneOf: [
          { $ref: '#/$defs/expression' },
          {
            type: 'object',
            required: ['budget'],
            additionalProperties: false,
            properties: {
              budget: { $ref: '#/$defs/expression' },
              name: { type: 'string', minLength: 1, description: 'Shown instead of the expression (JUnit test case name, table, summary).' },
              description: { type: 'string', description: 'Why the budget exists; not shown.' },
            },
          },
        ],
      },
    },
  },
  $defs: {
    expression: {
      type: 'string',
      minLength: 1,
      pattern: '^.+:[^:]*[<>]',
      description:
        'TARGET:METRIC OP LIMIT. TARGET: a service, SERVICE/OPERATION (globs with *), or trace. METRIC: pN (any percentile), mean, max, count, errors, error-rate, rate; for trace: duration, spans, depth. OP: <, <=, >, >=. LIMIT: a duration with a unit (300ms, 2s), a count, a rate (1% or 0.01), requests per second (10 or 10/s).',
      examples: ['frontend:p99<300ms', 'payments/Charge:p95<=120ms', '*:error-rate<1%', 'checkout:count>=100', 'trace:duration<2s'],
    },
  },
} as const;
