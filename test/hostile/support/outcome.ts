/**
 * What "never crash, never hang, never lie" means for one run, as a list of problems (empty: fine):
 * exit 0 with output, or exit 2 with one line on stderr; no stack trace, no internal error; no
 * `undefined`, `NaN`, `Infinity` or `[object Object]` in the output (--json refuses a non-finite
 * number, so none can hide as null there); no raw control or bidi character outside the colour codes
 * tracectl itself writes; no line wider than --width. No bound on time: a hang is caught by the
 * test's timeout, and speed is the benchmark's job.
 */
import { cells } from '../../helpers/cells.js';

/** What a terminal would interpret: C0 except \n and \t... and \n/\t only where expected, DEL, C1, bidi. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** SGR colour sequences (chalk's): the only escapes tracectl may write itself. */
const SGR = /\u001b\[[0-9;]*m/g;
const LIES = /\bundefined\b|\bNaN\b|-?\bInfinity\b|\[object Object\]/;

/** A run: in-process (`runCli`) or the real binary (`runBin`, where status is null after a signal). */
export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

export interface OutcomeRules {
  /** Exit codes allowed (default 0 and 2). */
  readonly codes?: readonly number[];
  /** The run was asked for --json: stdout must parse, and numeric fields must not be null. */
  readonly json?: boolean;
  /** Words the input itself contains, so finding them in the output is not a lie (e.g. a span named "NaN"). */
  readonly allowWords?: boolean;
  /** The command writes a file: exit 0 with nothing on stdout is right. */
  readonly quietOnSuccess?: boolean;
  /** Text output: no stdout line may be wider than this many cells (--width). */
  readonly width?: number;
}

export function outcomeProblems(r: Outcome, rules: OutcomeRules = {}): string[] {
  const problems: string[] = [];
  const codes = rules.codes ?? [0, 2];
  if (r.status === null || !codes.includes(r.status)) problems.push(`exit code ${String(r.status)}`);
  if (/internal error/.test(r.stderr)) problems.push(`internal error: ${firstLine(r.stderr)}`);
  if (/\n\s+at .+[(:]\d+/.test(r.stderr) || /^\w*Error: /m.test(r.stderr)) problems.push('stack trace on stderr');
  if (r.status === 2) {
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    const errors = lines.filter((l) => l !== '(run with --help for usage)');
    if (errors.length !== 1) problems.push(`exit 2 without exactly one error line: ${JSON.stringify(r.stderr.slice(0, 300))}`);
    if (r.stdout !== '') problems.push('exit 2 with output on stdout');
  }
  if (r.status === 0 && r.stdout === '' && rules.quietOnSuccess !== true) problems.push('exit 0 without output');
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const visible = text.replace(SGR, '');
    const bad = UNSAFE.exec(visible);
    if (bad !== null) problems.push(`raw U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} on ${name}: ${JSON.stringify(visible.slice(Math.max(0, bad.index - 40), bad.index + 10))}`);
    if (rules.allowWords !== true && !(rules.json === true && name === 'stdout')) {
      const lie = LIES.exec(visible);
      if (lie !== null) problems.push(`'${lie[0]}' on ${name}: ${JSON.stringify(visible.slice(Math.max(0, lie.index - 60), lie.index + 20))}`);
    }
  }
  if (rules.json === true && r.status === 0 && r.stdout !== '' && rules.quietOnSuccess !== true) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.stdout);
    } catch {
      problems.push('--json output does not parse');
    }
    if (parsed !== undefined) {
      if (rules.allowWords !== true) {
        for (const at of lyingStrings(parsed)) problems.push(`'undefined'/'NaN'/'Infinity' string in JSON at ${at}`);
      }
    }
  }
  if (rules.width !== undefined && rules.json !== true) {
    const wide = r.stdout.split('\n').map((line) => line.replace(SGR, '')).find((line) => cells(line) > rules.width!);
    if (wide !== undefined) problems.push(`a line of ${cells(wide)} cells at --width ${rules.width}: ${JSON.stringify(wide.slice(0, 80))}`);
  }
  return problems;
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.includes('internal error')) ?? '';
}

/** Paths of strings tracectl made from a non-value ("undefined", "NaN ms"), outside dump-provided text. */
function lyingStrings(value: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, '$']];
  while (stack.length > 0 && found.length < 5) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (LIES.test(v)) found.push(path);
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, `${path}.${k}`]);
  }
  return found;
}
