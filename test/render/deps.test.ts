import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/analyses/deps.js';
import { depsTree } from '../../src/analyses/deps-tree.js';
import { renderDeps } from '../../src/render/deps.js';
import { renderDot } from '../../src/render/dot.js';
import { renderMermaid } from '../../src/render/mermaid.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { unsampled } from '../helpers/unsampled.js';

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

const deps: ServiceDeps = {
  services: [
    { name: 'checkout', spans: 5, errors: 0, entry: false },
    { name: 'frontend', spans: 3, errors: 0, entry: true },
    { name: 'payments-gateway-with-a-long-name', spans: 1, errors: 1, entry: false },
    { name: 'worker', spans: 1, errors: 0, entry: false },
    { name: 'inventory', spans: 1, errors: 0, entry: false },
  ],
  edges: [
    { from: 'frontend', to: 'checkout', calls: 3, errors: 0, errorRate: 0, p50Ms: 20, p99Ms: 78 },
    { from: 'checkout', to: 'payments-gateway-with-a-long-name', calls: 1, errors: 1, errorRate: 1, p50Ms: 20.5, p99Ms: 20.5 },
    { from: 'payments-gateway-with-a-long-name', to: 'checkout', calls: 1, errors: 0, errorRate: 0, p50Ms: 0.25, p99Ms: 0.25 },
    { from: 'worker', to: 'inventory', calls: 1, errors: 0, errorRate: 0, p50Ms: null, p99Ms: null },
  ],
  sampling: unsampled(11),
};

describe('renderDeps', () => {
  it('prints the tree from the entry services, the edge table and a summary', () => {
    expect(renderDeps(deps, depsTree(deps), 2, createTheme(0), 120)).toEqual([
      'SERVICE TREE                           CALLS  ERRORS  ERR%     P50     P99',
      'frontend (entry)',
      '└─checkout                                 3       0    0%  20.0ms  78.0ms',
      '  └─payments-gateway-with-a-long-name      1       1  100%  20.5ms  20.5ms',
      '    └─checkout ↻ cycle                     1       0    0%   250µs   250µs',
      'worker (caller not in the dump)',
      '└─inventory                                1       0    0%       -       -',
      '',
      'CALLER                             CALLEE                             CALLS  ERRORS  ERR%     P50     P99',
      'frontend                           checkout                               3       0    0%  20.0ms  78.0ms',
      'checkout                           payments-gateway-with-a-long-name      1       1  100%  20.5ms  20.5ms',
      'payments-gateway-with-a-long-name  checkout                               1       0    0%   250µs   250µs',
      'worker                             inventory                              1       0    0%       -       -',
      '',
      '5 services, 4 edges, 6 calls in 2 traces',
    ]);
  });

  it('fits narrow terminals: names are cut first, then ERRORS and P50 go', () => {
    for (const width of [40, 60, 80]) {
      const lines = renderDeps(deps, depsTree(deps), 2, createTheme(3), width).map(stripAnsi);
      for (const line of lines) expect(cells(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
    }
    expect(renderDeps(deps, depsTree(deps), 2, createTheme(0), 60).slice(0, 4)).toEqual([
      'SERVICE TREE             CALLS  ERRORS  ERR%     P50     P99',
      'frontend (entry)',
      '└─checkout                   3       0    0%  20.0ms  78.0ms',
      '  └─payments-gateway-w…      1       1  100%  20.5ms  20.5ms',
    ]);
    expect(renderDeps(deps, depsTree(deps), 2, createTheme(0), 40).slice(0, 4)).toEqual([
      'SERVICE TREE         CALLS  ERR%     P99',
      'frontend (entry)',
      '└─checkout               3    0%  78.0ms',
      '  └─payments-gatew…      1  100%  20.5ms',
    ]);
  });

  it('never overshoots the width, even where the table and text.ts measure a character differently', () => {
    const odd: ServiceDeps = {
      services: [
        { name: 'frontend', spans: 1, errors: 0, entry: true },
        { name: '\u{1F568}'.repeat(60), spans: 1, errors: 0, entry: false },
      ],
      edges: [{ from: 'frontend', to: '\u{1F568}'.repeat(60), calls: 1, errors: 0, errorRate: 0, p50Ms: 0, p99Ms: 0 }],
      sampling: unsampled(2),
    };
    for (const width of [40, 80]) {
      for (const line of renderDeps(odd, depsTree(odd), 1, createTheme(0), width)) expect(cells(line), line).toBeLessThanOrEqual(width);
    }
  });

  it('says so when no service calls another', () => {
    const alone: ServiceDeps = { services: [{ name: 'api', spans: 2, errors: 0, entry: true }], edges: [], sampling: unsampled(2) };
    expect(renderDeps(alone, depsTree(alone), 1, createTheme(0), 80)).toEqual([
      'api (entry)',
      '',
      '1 service, no calls between services in 1 trace',
    ]);
    expect(renderDeps({ services: [], edges: [], sampling: unsampled(0) }, [], 0, createTheme(0), 80)).toEqual(['no spans']);
  });
});

describe('renderDot and renderMermaid', () => {
  const hostile: ServiceDeps = {
    services: [
      { name: 'web "edge"', spans: 1, errors: 0, entry: true },
      { name: 'db\\<main>#1\u001b[31m', spans: 1, errors: 1, entry: false },
    ],
    edges: [{ from: 'web "edge"', to: 'db\\<main>#1\u001b[31m', calls: 2, errors: 1, errorRate: 0.5, p50Ms: 1.5, p99Ms: 3 }],
    sampling: unsampled(3),
  };

  it('DOT: quoted, escaped names; entry services bold; failing edges red', () => {
    expect(renderDot(hostile)).toEqual([
      'digraph services {',
      '  rankdir=LR;',
      '  node [shape=box, style=rounded];',
      '  "web \\"edge\\"" [penwidth=2];',
      '  "db\\\\<main>#1\\\\x1b[31m";',
      '  "web \\"edge\\"" -> "db\\\\<main>#1\\\\x1b[31m" [label="2 calls\\n1 error (50%)\\np50 1.50ms, p99 3.00ms", color="#d62728", fontcolor="#d62728"];',
      '}',
    ]);
  });

  it('Mermaid: names only in labels, with the characters Mermaid reads as syntax as entity codes', () => {
    expect(renderMermaid(hostile)).toEqual([
      'flowchart LR',
      '  s0[["web #34;edge#34;"]]',
      '  s1["db\\#60;main#62;#35;1\\x1b[31m"]',
      '  s0 -->|"2 calls · 1 error (50%) · p50 1.50ms, p99 3.00ms"| s1',
      '  linkStyle 0 stroke:#d62728,color:#d62728',
    ]);
  });
});
