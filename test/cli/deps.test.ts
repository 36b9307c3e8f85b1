import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const SHOP = fixture('deps/shop.zipkin.json');
const ORPHAN_WARNING =
  'warning orphan-span ×1: span c000000000000002 (worker sync stock): parent c000000000000001 is not in the trace; shown as a root\n';

describe('tracectl deps', () => {
  it('prints the service tree from the entry services and the edge table, fitting 80 columns', async () => {
    const r = await runCli(['deps', SHOP, '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(ORPHAN_WARNING);
    expect(r.stdout).toBe(
      [
        'SERVICE TREE                     CALLS  ERRORS  ERR%     P50     P99',
        'frontend (entry)',
        '└─checkout                           2       0    0%  20.0ms  78.0ms',
        '  ├─inventory                        1       0    0%  30.0ms  30.0ms',
        '  └─payments                         1       1  100%  20.0ms  20.0ms',
        '    └─checkout ↻ cycle               1       0    0%  5.00ms  5.00ms',
        'worker (caller not in the dump)',
        '└─inventory                          1       1  100%  10.0ms  10.0ms',
        '',
        'CALLER    CALLEE     CALLS  ERRORS  ERR%     P50     P99',
        'frontend  checkout       2       0    0%  20.0ms  78.0ms',
        'checkout  inventory      1       0    0%  30.0ms  30.0ms',
        'checkout  payments       1       1  100%  20.0ms  20.0ms',
        'payments  checkout       1       0    0%  5.00ms  5.00ms',
        'worker    inventory      1       1  100%  10.0ms  10.0ms',
        '',
        '5 services, 5 edges, 6 calls in 3 traces',
        '',
      ].join('\n'),
    );
  });

  it('--json: services and caller → callee edges with calls, errors, error rate and p50/p99 in ms', async () => {
    const { json } = await runJson<Record<string, unknown>>(['deps', SHOP]);
    expect(json.services).toEqual([
      { name: 'checkout', spans: 3, errors: 0, entry: false },
      { name: 'frontend', spans: 3, errors: 0, entry: true },
      { name: 'inventory', spans: 2, errors: 1, entry: false },
      { name: 'payments', spans: 1, errors: 1, entry: false },
      { name: 'worker', spans: 1, errors: 0, entry: false },
    ]);
    expect(json.edges).toEqual([
      // The client/server pair sharing an id is one call; its server half (78 ms) measures it.
      { from: 'frontend', to: 'checkout', calls: 2, errors: 0, errorRate: 0, p50Ms: 20, p99Ms: 78 },
      { from: 'checkout', to: 'inventory', calls: 1, errors: 0, errorRate: 0, p50Ms: 30, p99Ms: 30 },
      { from: 'checkout', to: 'payments', calls: 1, errors: 1, errorRate: 1, p50Ms: 20, p99Ms: 20 },
      { from: 'payments', to: 'checkout', calls: 1, errors: 0, errorRate: 0, p50Ms: 5, p99Ms: 5 },
      { from: 'worker', to: 'inventory', calls: 1, errors: 1, errorRate: 1, p50Ms: 10, p99Ms: 10 },
    ]);
    expect(json.warningCounts).toEqual([{ code: 'orphan-span', count: 1 }]);
  });

  it('--dot prints a Graphviz digraph', async () => {
    expect((await runCli(['deps', SHOP, '--dot', '-q'])).stdout).toBe(
      [
        'digraph services {',
        '  rankdir=LR;',
        '  node [shape=box, style=rounded];',
        '  "checkout";',
        '  "frontend" [penwidth=2];',
        '  "inventory";',
        '  "payments";',
        '  "worker";',
        '  "frontend" -> "checkout" [label="2 calls\\np50 20.0ms, p99 78.0ms"];',
        '  "checkout" -> "inventory" [label="1 call\\np50 30.0ms, p99 30.0ms"];',
        '  "checkout" -> "payments" [label="1 call\\n1 error (100%)\\np50 20.0ms, p99 20.0ms", color="#d62728", fontcolor="#d62728"];',
        '  "payments" -> "checkout" [label="1 call\\np50 5.00ms, p99 5.00ms"];',
        '  "worker" -> "inventory" [label="1 call\\n1 error (100%)\\np50 10.0ms, p99 10.0ms", color="#d62728", fontcolor="#d62728"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('--mermaid prints a flowchart', async () => {
    expect((await runCli(['deps', SHOP, '--mermaid', '-q'])).stdout).toBe(
      [
        'flowchart LR',
        '  s0["checkout"]',
        '  s1[["frontend"]]',
        '  s2["inventory"]',
        '  s3["payments"]',
        '  s4["worker"]',
        '  s1 -->|"2 calls · p50 20.0ms, p99 78.0ms"| s0',
        '  s0 -->|"1 call · p50 30.0ms, p99 30.0ms"| s2',
        '  s0 -->|"1 call · 1 error (100%) · p50 20.0ms, p99 20.0ms"| s3',
        '  s3 -->|"1 call · p50 5.00ms, p99 5.00ms"| s0',
        '  s4 -->|"1 call · 1 error (100%) · p50 10.0ms, p99 10.0ms"| s2',
        '  linkStyle 2,4 stroke:#d62728,color:#d62728',
        '',
      ].join('\n'),
    );
  });

  it('gives the same topology for the same dump in every format', async () => {
    const expected = (await runJson<Record<string, unknown>>(['deps', fixture('equivalent/checkout.jaeger.json')])).json.edges;
    expect(expected).toEqual([{ from: 'frontend', to: 'payments', calls: 1, errors: 1, errorRate: 1, p50Ms: 50, p99Ms: 50 }]);
    for (const name of ['checkout.zipkin.json', 'checkout.otlp.json', 'checkout.otlp.jsonl']) {
      expect((await runJson<Record<string, unknown>>(['deps', fixture(`equivalent/${name}`)])).json.edges, name).toEqual(expected);
    }
  });

  it('refuses two output forms at once', async () => {
    const r = await runCli(['deps', SHOP, '--dot', '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: option '--dot' cannot be used with option '--json'");
    expect((await runCli(['deps', SHOP, '--dot', '--mermaid'])).stderr.split('\n')[0]).toBe("error: option '--dot' cannot be used with option '--mermaid'");
  });
});
