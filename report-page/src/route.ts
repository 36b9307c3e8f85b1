/**
 * The page's address: `#trace=<id>&span=<spanId>&view=flame` opens a trace (at a span, in a view);
 * anything else is the summary (`#section-id` scrolls to that section).
 */
export interface Route {
  readonly trace?: string;
  readonly span?: string;
  readonly view?: 'waterfall' | 'flame';
  /** A section of the summary. */
  readonly section?: string;
}

export function parseRoute(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!/^trace=/.test(text)) return text === '' ? {} : { section: safeDecode(text) };
  const params = new URLSearchParams(text);
  const trace = params.get('trace') ?? '';
  const span = params.get('span');
  const view = params.get('view');
  return {
    trace: trace.trim(),
    ...(span !== null && span !== '' ? { span: span.trim() } : {}),
    ...(view === 'flame' || view === 'waterfall' ? { view } : {}),
  };
}

export function traceHash(trace: string, span?: string, view?: 'waterfall' | 'flame'): string {
  const params = new URLSearchParams({ trace });
  if (span !== undefined) params.set('span', span);
  if (view === 'flame') params.set('view', view);
  return params.toString();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
