/**
 * Where the Jaeger mappers put what they notice. One sink per `decode` call carries the input's
 * name, so every warning names the file it came from without each mapper knowing about files.
 */
import type { TraceWarning, WarningCode } from '../../model/warnings.js';

export interface WarningSink {
  readonly file: string;
  readonly warnings: TraceWarning[];
  /** DecodeContext.lean, carried with the sink since every mapper gets it: span tags are read only for kind and status. */
  readonly lean?: boolean;
}

export function newSink(file: string, lean = false): WarningSink {
  return lean ? { file, warnings: [], lean } : { file, warnings: [] };
}

export function warn(sink: WarningSink, code: WarningCode, message: string, traceId?: string, spanId?: string): void {
  sink.warnings.push({
    code,
    message,
    ...(traceId !== undefined ? { traceId } : {}),
    ...(spanId !== undefined ? { spanId } : {}),
    file: sink.file,
  });
}
