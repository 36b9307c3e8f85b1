/**
 * The syntax tree of a `--where` expression. Every node keeps its source offsets so the compiler's
 * type errors point at a column just as the parser's do.
 */
import type { CompareOp } from './lexer.js';

export type FieldType = 'text' | 'number' | 'duration' | 'bool' | 'kind' | 'status' | 'attr';

/** Span-level values; `parent.` reads the same on the parent span. */
export type SpanIntrinsic = 'service' | 'name' | 'duration' | 'status' | 'kind' | 'error' | 'root' | 'id' | 'depth';
/** Whole-trace values: `trace.duration`, ... */
export type TraceIntrinsic = 'duration' | 'id' | 'spans' | 'errors' | 'services' | 'service' | 'name';

export type FieldRef =
  | { readonly scope: 'span' | 'parent'; readonly name: SpanIntrinsic; readonly type: FieldType; readonly text: string; readonly start: number; readonly end: number }
  | { readonly scope: 'trace'; readonly name: TraceIntrinsic; readonly type: FieldType; readonly text: string; readonly start: number; readonly end: number }
  | {
      readonly scope: 'span' | 'parent';
      /** `attr.k` span attribute, `resource.k` resource attribute, `.k` the span's, else the resource's. */
      readonly name: 'attr' | 'resource' | 'any';
      readonly key: string;
      readonly type: 'attr';
      readonly text: string;
      readonly start: number;
      readonly end: number;
    };

export type Operand =
  | { readonly kind: 'string'; readonly value: string; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly start: number; readonly end: number }
  /** Nanoseconds. */
  | { readonly kind: 'duration'; readonly value: number; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'nil'; readonly text: string; readonly start: number; readonly end: number }
  /** A bare word: an enum value (`server`, `error`) or a field (`parent.service`); the compiler decides. */
  | { readonly kind: 'word'; readonly text: string; readonly start: number; readonly end: number; readonly quotedKey?: string };

export type Relation = 'descendant' | 'ancestor' | 'child' | 'parent';
export const RELATIONS: readonly Relation[] = ['descendant', 'ancestor', 'child', 'parent'];

export type Expr =
  | { readonly type: 'or' | 'and'; readonly left: Expr; readonly right: Expr; readonly start: number; readonly end: number }
  | { readonly type: 'not'; readonly operand: Expr; readonly start: number; readonly end: number }
  | { readonly type: 'compare'; readonly field: FieldRef; readonly op: CompareOp; readonly opStart: number; readonly value: Operand; readonly start: number; readonly end: number }
  /** A boolean field on its own: `error`, `root`, `parent.error`. */
  | { readonly type: 'flag'; readonly field: FieldRef; readonly start: number; readonly end: number }
  | { readonly type: 'has'; readonly relation: Relation; readonly operand: Expr; readonly start: number; readonly end: number };
