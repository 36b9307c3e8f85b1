/**
 * Reads a dump given as a JSON value the way the commands do: from standard input, through format
 * detection and the decoders, then trace assembly (exact duplicates dropped, Zipkin pieces merged,
 * 64-bit Zipkin trace ids joined) and the tree builder. `full` is the path of commands that show
 * span details (load.ts, full spans), `compact` the path of those that need only structure and
 * timing (compact batches, the span store): the reference cases run through both.
 */
import { Readable } from 'node:stream';
import { merged } from '../../src/cli/load.js';
import { readCompact, readSpans } from '../../src/input/read-spans.js';
import { SpanStore } from '../../src/input/span-store.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import type { Span } from '../../src/model/span.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { WarningLog } from '../../src/model/warning-log.js';
import type { TraceWarning } from '../../src/model/warnings.js';

export type Detail = 'full' | 'compact';

export interface ReadDump {
  readonly traces: Trace[];
  /** Every warning, reading first, then assembly and trees. */
  readonly warnings: TraceWarning[];
}

/** A dump given as a JSON value, read from standard input. */
export async function readDump(doc: unknown, detail: Detail, adjust = true): Promise<ReadDump> {
  return readInputs(['-'], Readable.from([Buffer.from(JSON.stringify(doc))]), detail, adjust);
}

/** A dump file. */
export async function readDumpFile(path: string, detail: Detail, adjust = true): Promise<ReadDump> {
  return readInputs([path], Readable.from([]), detail, adjust);
}

async function readInputs(paths: string[], stdin: Readable, detail: Detail, adjust: boolean): Promise<ReadDump> {
  const log = new WarningLog();
  let groups: Iterable<[string, Span[]]>;
  const assembly: TraceWarning[] = [];
  if (detail === 'full') {
    const assembler = new TraceAssembler();
    await readSpans(paths, (span) => assembler.add(span), { stdin, warnings: log });
    groups = assembler.finish(assembly);
  } else {
    const store = new SpanStore();
    await readCompact(paths, (batch, source) => store.add(batch, source), { stdin, warnings: log, workers: 0 });
    groups = merged(store.byTrace(assembly), store.allTraceIds, assembly);
  }
  const traces: Trace[] = [];
  const built: TraceWarning[] = [];
  for (const [traceId, spans] of groups) {
    const { result, warnings } = buildTrace(traceId, spans, { adjustClockSkew: adjust });
    traces.push(result);
    built.push(...warnings);
  }
  return { traces, warnings: [...log.list, ...assembly, ...built] };
}
