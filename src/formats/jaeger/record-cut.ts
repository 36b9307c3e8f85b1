/**
 * jaeger-query writes each trace of `{"data":[...]}` as `{"traceID":"…","spans":[…],…}`. Its spans
 * start with `traceID` too, so the cut also asks for `"spans":[` right after the id.
 */
import type { RecordCut } from '../record-cut.js';

export const JAEGER_TRACE_CUT: RecordCut = { hint: 'jaeger-trace', cut: Buffer.from('},{"traceID":"'), afterId: Buffer.from('","spans":[') };
