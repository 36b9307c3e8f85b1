/**
 * The line every counting command prints under its numbers when the input is sampled: what kind of
 * sample it is, whether counts and rates were weighted by adjusted count, and whether percentiles
 * are unbiased (a uniform probability sample) or biased (kept by tail policies or rate limiting).
 */
import type { SamplingSummary } from '../analyses/sampling-tally.js';
import { sanitize } from './sanitize.js';

/** "1-in-10", "1-in-3.33", or "p 0.3" for probabilities above one half. */
export function formatProbability(p: number): string {
  if (p === 1) return 'all';
  if (p > 0.5) return `p ${Number(p.toPrecision(3))}`;
  const n = 1 / p;
  return `1-in-${Number.isInteger(n) ? n : Number(n.toPrecision(n >= 100 ? 4 : 3))}`;
}

function probabilities(s: SamplingSummary): string {
  if (s.minProbability === null || s.maxProbability === null) return '';
  if (s.minProbability === s.maxProbability) return formatProbability(s.minProbability);
  return `${formatProbability(s.maxProbability)} to ${formatProbability(s.minProbability)}`;
}

const METHOD_TEXT: Readonly<Record<string, string>> = {
  consistent: 'consistent probability sampling',
  probabilistic: 'Jaeger probabilistic sampling',
  'rate-limiting': 'rate limiting',
};

/** The note, or undefined for input that is not sampled. */
export function samplingNote(s: SamplingSummary): string | undefined {
  if (!s.sampled) return undefined;
  const parts: string[] = [];
  const how = s.methods.map((m) => METHOD_TEXT[m] ?? m);
  const probs = probabilities(s);
  parts.push(`sampled input${how.length > 0 ? ` (${how.join(', ')}${probs !== '' ? `, ${probs}` : ''})` : ''}`);
  if (s.tailPolicies.length > 0) {
    const shown = s.tailPolicies.slice(0, 3).map((p) => sanitize(p.name));
    const more = s.tailPolicies.length > 3 ? ` and ${s.tailPolicies.length - 3} more` : '';
    parts.push(`tail-sampled by ${shown.join(', ')}${more}`);
  }
  if (s.weighted) parts.push('counts and rates weighted by adjusted count');
  else if (s.spansWithProbability > 0) parts.push('counted unweighted');
  if (s.spansWithoutProbability > 0) parts.push(`${s.spansWithoutProbability} span${s.spansWithoutProbability === 1 ? '' : 's'} without a known probability counted once`);
  parts.push(s.sample === 'uniform' ? 'percentiles from a uniform sample (unbiased)' : 'percentiles from a tail-sampled set (biased)');
  return parts.join('; ');
}
