/**
 * Structural checks of the two timeline formats tracectl writes, shared by the unit tests and the
 * real-dump tests. Each returns the problems found (empty when the document is valid), so a failing
 * test names every broken event at once.
 */

type Json = Record<string, unknown>;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNonNegInt = (v: unknown): v is number => isInt(v) && v >= 0;

/**
 * The Trace Event Format (JSON object form) as chrome://tracing and Perfetto read it: the fields each
 * phase requires, one process_name per pid and one thread_name per thread used, complete events that
 * nest on every thread, and flow events in start/finish pairs bound to slices.
 */
export function chromeProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const d = doc as Json;
  if (!Array.isArray(d.traceEvents)) return ['traceEvents is not an array'];
  if (d.displayTimeUnit !== 'ms' && d.displayTimeUnit !== 'ns') problems.push(`displayTimeUnit ${String(d.displayTimeUnit)}`);
  const processNames = new Map<number, number>();
  const threadNames = new Map<string, number>();
  const slices = new Map<string, { ts: number; end: number }[]>();
  const flows = new Map<number, Json[]>();
  (d.traceEvents as Json[]).forEach((e, i) => {
    const where = `event ${i} (${String(e.ph)} ${String(e.name)})`;
    if (typeof e.name !== 'string' || e.name === '') problems.push(`${where}: name`);
    if (!isNonNegInt(e.pid) || e.pid === 0) problems.push(`${where}: pid`);
    if (!isNonNegInt(e.tid)) problems.push(`${where}: tid`);
    const thread = `${String(e.pid)}/${String(e.tid)}`;
    switch (e.ph) {
      case 'X':
        if (!isNonNegInt(e.ts) || !isNonNegInt(e.dur)) problems.push(`${where}: ts/dur must be whole microseconds >= 0`);
        if (typeof e.cat !== 'string') problems.push(`${where}: cat`);
        if (typeof e.args !== 'object' || e.args === null) problems.push(`${where}: args`);
        (slices.get(thread) ?? slices.set(thread, []).get(thread)!).push({ ts: e.ts as number, end: (e.ts as number) + (e.dur as number) });
        break;
      case 'i':
        if (!isNonNegInt(e.ts) || e.s !== 't') problems.push(`${where}: ts/s`);
        break;
      case 's':
      case 'f':
        if (!isNonNegInt(e.ts) || !isInt(e.id) || typeof e.cat !== 'string') problems.push(`${where}: ts/id/cat`);
        if (e.ph === 'f' && e.bp !== 'e') problems.push(`${where}: bp`);
        (flows.get(e.id as number) ?? flows.set(e.id as number, []).get(e.id as number)!).push(e);
        break;
      case 'M': {
        const args = e.args as Json | undefined;
        if (e.name === 'process_name') {
          if (typeof args?.name !== 'string') problems.push(`${where}: args.name`);
          processNames.set(e.pid as number, (processNames.get(e.pid as number) ?? 0) + 1);
        } else if (e.name === 'thread_name') {
          if (typeof args?.name !== 'string') problems.push(`${where}: args.name`);
          threadNames.set(thread, (threadNames.get(thread) ?? 0) + 1);
        } else if (e.name === 'thread_sort_index') {
          if (!isInt(args?.sort_index)) problems.push(`${where}: args.sort_index`);
        } else problems.push(`${where}: unknown metadata`);
        break;
      }
      default:
        problems.push(`${where}: unknown phase`);
    }
  });
  for (const [pid, n] of processNames) if (n !== 1) problems.push(`pid ${pid} named ${n} times`);
  for (const thread of slices.keys()) {
    if (threadNames.get(thread) !== 1) problems.push(`thread ${thread} named ${threadNames.get(thread) ?? 0} times`);
    if (!processNames.has(Number(thread.split('/')[0]))) problems.push(`thread ${thread} in an unnamed process`);
  }
  for (const [thread, list] of slices) {
    // Complete events of one thread must nest: sorted by start (longer first), each starts after the
    // enclosing one's start and ends before its end, or starts after it ended.
    const open: number[] = [];
    for (const s of [...list].sort((a, b) => a.ts - b.ts || b.end - a.end)) {
      while (open.length > 0 && open[open.length - 1]! <= s.ts) open.pop();
      if (open.length > 0 && s.end > open[open.length - 1]!) problems.push(`thread ${thread}: [${s.ts}, ${s.end}] overlaps without nesting`);
      open.push(s.end);
    }
  }
  for (const [id, pair] of flows) {
    if (pair.length !== 2 || pair[0]!.ph !== 's' || pair[1]!.ph !== 'f') {
      problems.push(`flow ${id}: not one start then one finish`);
      continue;
    }
    for (const e of pair) {
      const list = slices.get(`${String(e.pid)}/${String(e.tid)}`) ?? [];
      if (!list.some((s) => s.ts <= (e.ts as number) && (e.ts as number) <= s.end)) problems.push(`flow ${id} ${String(e.ph)}: no slice at ${String(e.ts)}`);
    }
  }
  return problems;
}

/** The speedscope file format: schema, shared frames, evented profiles whose events form one call stack. */
export function speedscopeProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const d = doc as Json;
  if (d.$schema !== 'https://www.speedscope.app/file-format-schema.json') problems.push('$schema');
  const frames = (d.shared as Json | undefined)?.frames;
  if (!Array.isArray(frames) || frames.some((f) => typeof (f as Json).name !== 'string')) return [...problems, 'shared.frames'];
  if (!Array.isArray(d.profiles)) return [...problems, 'profiles'];
  if (!isNonNegInt(d.activeProfileIndex) || (d.profiles.length > 0 && (d.activeProfileIndex as number) >= d.profiles.length)) problems.push('activeProfileIndex');
  (d.profiles as Json[]).forEach((p, i) => {
    const where = `profile ${i}`;
    if (p.type !== 'evented' || typeof p.name !== 'string' || p.unit !== 'nanoseconds') problems.push(`${where}: type/name/unit`);
    if (typeof p.startValue !== 'number' || typeof p.endValue !== 'number' || p.startValue > p.endValue) problems.push(`${where}: start/end`);
    const stack: number[] = [];
    let last = p.startValue as number;
    for (const e of p.events as Json[]) {
      if (!isNonNegInt(e.frame) || (e.frame as number) >= frames.length) problems.push(`${where}: frame ${String(e.frame)}`);
      if (typeof e.at !== 'number' || e.at < last || e.at > (p.endValue as number)) problems.push(`${where}: at ${String(e.at)} out of order or range`);
      last = e.at as number;
      if (e.type === 'O') stack.push(e.frame as number);
      else if (e.type === 'C') {
        if (stack.pop() !== e.frame) problems.push(`${where}: closes frame ${String(e.frame)} that is not on top`);
      } else problems.push(`${where}: event type ${String(e.type)}`);
    }
    if (stack.length > 0) problems.push(`${where}: ${stack.length} frames left open`);
  });
  return problems;
}
