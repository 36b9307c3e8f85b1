/**
 * Reads the inputs and assembles traces: the one place the CLI joins the input layer and the model.
 */
import { readSpans, type InputSummary } from '../input/read-spans.js';
import { STDIN_NAME } from '../input/open-input.js';
import { TraceAssembler } from '../model/assemble.js';
import type { Trace } from '../model/trace.js';
import { buildTrace } from '../model/tree.js';
import type { TraceWarning } from '../model/warnings.js';
import type { RunContext } from './options.js';

export interface LoadedDump {
  readonly inputs: InputSummary[];
  readonly traceCount: number;
  readonly spanCount: number;
  /** Builds each trace's tree on demand, so a command that summarizes need not keep every tree. */
  traces(): Generator<Trace>;
}

export async function loadDump(paths: readonly string[], ctx: RunContext): Promise<LoadedDump> {
  const assembler = new TraceAssembler();
  const inputs = await readSpans(paths.length > 0 ? paths : [STDIN_NAME], (span) => assembler.add(span), {
    stdin: ctx.io.stdin,
    warnings: ctx.warnings,
    ...(ctx.format !== undefined ? { format: ctx.format } : {}),
  });
  return {
    inputs,
    traceCount: assembler.traces,
    spanCount: assembler.spans,
    *traces() {
      const duplicates: TraceWarning[] = [];
      for (const [traceId, spans] of assembler.finish(duplicates)) {
        ctx.warnings.addAll(duplicates.splice(0));
        const built = buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew });
        ctx.warnings.addAll(built.warnings);
        yield built.result;
      }
    },
  };
}
