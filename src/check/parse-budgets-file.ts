/**
 * A budgets file (`--budgets budgets.json`) from its text: JSON, then the schema's rules
 * (budgets-schema.ts), then each expression. Every problem is a usage error (exit code 2) that names
 * the file and the place in it: a line and column for broken JSON, a path such as `budgets[2]` for a
 * value of the wrong shape, and the budget's column with a caret for a bad expression.
 *
 *   { "budgets": [ "frontend:p99<300ms", { "budget": "trace:duration<2s", "name": "no slow trace" } ] }
 */
import { UsageError } from '../errors.js';
import { findJsonError } from '../json/json-error-position.js';
import type { Budget } from './budget.js';
import { BUDGETS_SCHEMA } from './budgets-schema.js';
import { parseBudget } from './parse-budget.js';
import { validateJsonSchema } from './validate-json-schema.js';

type Entry = string | { budget: string; name?: string };

export function parseBudgetsFile(text: string, file: string): Budget[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const at = findJsonError(text);
    const before = text.slice(0, at.index);
    const line = before.split('\n').length;
    const column = at.index - before.lastIndexOf('\n');
    throw new UsageError(`${file}: malformed JSON at line ${line}, column ${column}: ${at.message}`);
  }
  // The schema's `pattern` is a rough hint for editors; the expression parser says exactly what is wrong.
  const problem = validateJsonSchema(doc, BUDGETS_SCHEMA, { skip: ['pattern'] });
  if (problem !== undefined) {
    throw new UsageError(`${file}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message} (see tracectl check --print-schema)`);
  }
  const entries = (doc as { budgets: Entry[] }).budgets;
  return entries.map((entry, i) =>
    typeof entry === 'string' ? parseBudget(entry, `${file}: budgets[${i}]`) : parseBudget(entry.budget, `${file}: budgets[${i}].budget`, entry.name),
  );
}
