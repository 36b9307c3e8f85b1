/**
 * The core annotations of a Zipkin v1 span. v1 has no kind and no local endpoint: both are read
 * from these two-letter annotations (client send/receive, server receive/send, message
 * send/receive, wire send/receive), as zipkin's V1SpanConverter does. Like there, an annotation
 * only counts as core when it names its endpoint; a bare "cs" is just an event.
 */
import type { Annotation } from './annotations.js';

type CoreName = 'cs' | 'cr' | 'sr' | 'ss' | 'ms' | 'mr' | 'ws' | 'wr';

const CORE_NAMES: ReadonlySet<string> = new Set<CoreName>(['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr']);

export type CoreAnnotations = Partial<Record<CoreName, Annotation>>;

/** The first annotation of each core name that has an endpoint; repeats stay ordinary events. */
export function findCore(annotations: readonly Annotation[]): CoreAnnotations {
  const core: CoreAnnotations = {};
  for (const a of annotations) {
    if (a.endpoint === undefined || !CORE_NAMES.has(a.value)) continue;
    const name = a.value as CoreName;
    if (core[name] === undefined) core[name] = a;
  }
  return core;
}
