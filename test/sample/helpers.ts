/**
 * Running `tracectl sample --policy` on the shop fixture (fixtures/sample/make-shop.js) with a policy
 * written inline, and reading back which traces the output dump kept. Traces are named T1-T13 in the
 * order of the fixture; SHOP_IDS maps the names to their ids.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, runCli, type CliResult } from '../helpers/cli.js';

export const SHOP = fixture('sample/shop.json');

export const SHOP_IDS: Readonly<Record<string, string>> = {
  T1: '4bf92f3577b34da6a3ce929d0e0e4736', // home page, 3 spans, 50 ms, http.response.status_code 200
  T2: '0af7651916cd43dd8448eb211c80319c', // checkout fails in payment: 4 spans, 120 ms, ERROR, status code 500
  T3: '5b8aa5a2d2c872e8321cf37308d69df2', // slow search: 2 spans, 2.5 s
  T4: 'b2f2c3a94e5d1b7f90a1e3c5d7f9b1d3', // health check: url.path /health, 2 ms
  T5: 'd41d8cd98f00b204e9800998ecf8427e', // app.force_sample = true, 2 spans
  T6: 'e3b0c44298fc1c149afbf4c8996fb924', // http.response.status_code 503, status unset, 2 spans
  T7: '9e107d9d372bb6826bd81d3542a419d6', // tracestate vendor=gold
  T8: '6f1ed002ab5595859014ebf0951522d9', // 12 spans
  T9: '2c26b46b68ffc68ff99b453c1d304134', // resource deployment.environment=staging
  T10: 'fcde2b2edba56bf408601fb721fe9b5c', // inventory timeout: 2 spans, 300 ms, ERROR
  T11: '7d865e959b2466918c9863afca942d0f', // tracestate ot=rv:00000000000000
  T12: 'ca978112ca1bbdcafac231b39a23dc4d', // checkout GetCart only (service checkout)
  T13: '7f3a9c2b4d6e8f10', // a 64-bit trace id
};

const NAME_OF = new Map(Object.entries(SHOP_IDS).map(([name, id]) => [id, name]));

export interface SampleRun {
  readonly result: CliResult;
  /** Names (T1…) of the traces in the output dump, in its order. */
  readonly kept: string[];
  readonly json: Record<string, unknown> | undefined;
  readonly output: string | undefined;
}

/** `tracectl sample --policy <yaml> <input> -o <tmp> --json [extra]`. */
export async function samplePolicy(yaml: string, extra: readonly string[] = [], input = SHOP): Promise<SampleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tracectl-sample-'));
  try {
    const policy = join(dir, 'policy.yaml');
    writeFileSync(policy, yaml);
    const out = join(dir, 'out.json');
    const result = await runCli(['sample', '--policy', policy, input, '-o', out, '--json', ...extra]);
    let output: string | undefined;
    try {
      output = readFileSync(out, 'utf8');
    } catch {
      output = undefined;
    }
    return { result, kept: output === undefined ? [] : keptNames(output), json: result.status === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>) : undefined, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Trace names in an OTLP JSON dump, in order of first appearance. */
export function keptNames(otlp: string): string[] {
  const doc = JSON.parse(otlp) as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] };
  const seen: string[] = [];
  for (const rs of doc.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        const id = span.traceId.replace(/^0{16}/, '');
        const name = NAME_OF.get(id) ?? id;
        if (!seen.includes(name)) seen.push(name);
      }
    }
  }
  return seen;
}

/** One policy under `policies:`, as a processor block. */
export function onePolicy(policy: string): string {
  return `policies:\n${policy
    .trim()
    .split('\n')
    .map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`))
    .join('\n')}\n`;
}
