/**
 * A span's own ids under the shared rules: a valid id is normalized (hex of any case or base64 to
 * lower-case hex); an id that is not valid but is a non-empty string is kept as written, flagged so
 * the caller warns; a missing id means the span cannot be placed and is skipped.
 */
import { fallbackId, normalizeParentId, normalizeSpanId } from '../../model/ids.js';

export type IdResult =
  | { readonly kind: 'ok'; readonly id: string }
  | { readonly kind: 'invalid'; readonly id: string }
  | { readonly kind: 'missing' };

export function readId(raw: unknown, normalize: (raw: unknown) => string | undefined): IdResult {
  const id = normalize(raw);
  if (id !== undefined) return { kind: 'ok', id };
  if (typeof raw === 'string' && raw !== '') return { kind: 'invalid', id: fallbackId(raw) ?? raw };
  return { kind: 'missing' };
}

/**
 * The parent: absent, null, "" and all zeros are roots (OTLP writes "" for roots). Anything else
 * that is not a span id is kept as written when it is a non-empty string (flagged), else dropped
 * (flagged): a parent that cannot be read must not silently turn into a root without a word.
 */
export type ParentResult =
  | { readonly kind: 'root' }
  | { readonly kind: 'ok'; readonly id: string }
  | { readonly kind: 'invalid'; readonly id: string | undefined };

export function readParentId(raw: unknown): ParentResult {
  if (raw === undefined || raw === null || raw === '') return { kind: 'root' };
  if (normalizeSpanId(raw) !== undefined) {
    const id = normalizeParentId(raw);
    return id === undefined ? { kind: 'root' } : { kind: 'ok', id };
  }
  return { kind: 'invalid', id: typeof raw === 'string' ? (fallbackId(raw) ?? raw) : undefined };
}
