/**
 * Zipkin's and Brave's writers start every span of a top-level array with `traceId`, and no object
 * inside a span has that key.
 */
import type { RecordCut } from '../record-cut.js';

export const ZIPKIN_SPAN_CUT: RecordCut = { hint: 'element', cut: Buffer.from('},{"traceId":"') };
