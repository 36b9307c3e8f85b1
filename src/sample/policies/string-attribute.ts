/**
 * `string_attribute` (internal/sampling/string_tag_filter.go): a resource or span whose attribute
 * `key` is one of `values` (empty values are dropped), or with `enabled_regex_matching` matches one of
 * them as a regular expression. Go's MatchString finds a match anywhere in the value (`val` matches
 * "interval"); tracectl's matcher is the linear-time RE2 subset of `--where` (query/regex-matcher.ts),
 * which matches whole values, so each pattern is wrapped to match anywhere. An attribute that is not a
 * string reads as "" (pcommon Value.Str); spans (not resources) with an empty value never match.
 * With `invert_match`, every resource and span must lack the key or hold a value that does not match.
 */
import { compileRegex, type RegexMatcher } from '../../query/regex-matcher.js';
import { asStr, resourceAttribute, spanAttribute } from '../policy-trace.js';
import type { PolicyEvaluator } from './evaluator.js';
import { anyResourceOrSpan, everyResourceAndSpan } from './resource-or-span.js';

/** A Go regexp as a search anywhere in the subject (a leading `(?i)` kept in front). */
export function searchAnywhere(pattern: string): RegexMatcher {
  const flags = /^\(\?i\)/.exec(pattern)?.[0] ?? '';
  return compileRegex(`${flags}[\\s\\S]*(?:${pattern.slice(flags.length)})[\\s\\S]*`);
}

export function stringAttributePolicy(key: string, values: readonly string[], regex: boolean, invertMatch: boolean): PolicyEvaluator {
  let matches: (value: string) => boolean;
  if (regex) {
    const matchers = values.map(searchAnywhere);
    matches = (value) => matchers.some((m) => m.test(value));
  } else {
    const set = new Set(values.filter((v) => v !== ''));
    matches = (value) => set.has(value);
  }
  return {
    evaluate(trace) {
      if (invertMatch) {
        return everyResourceAndSpan(
          trace,
          (batch) => {
            const v = resourceAttribute(batch, key);
            return v === undefined || !matches(asStr(v));
          },
          (span) => {
            const v = spanAttribute(span, key);
            return v === undefined || asStr(v) === '' || !matches(asStr(v));
          },
        );
      }
      return anyResourceOrSpan(
        trace,
        (batch) => {
          const v = resourceAttribute(batch, key);
          return v !== undefined && matches(asStr(v));
        },
        (span) => {
          const v = spanAttribute(span, key);
          return v !== undefined && asStr(v) !== '' && matches(asStr(v));
        },
      );
    },
  };
}
