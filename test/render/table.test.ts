import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTable, type TableColumn } from '../../src/render/table.js';
import { createTheme } from '../../src/render/theme.js';
import { cells } from '../helpers/cells.js';

const plain = createTheme(0);
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

const columns: TableColumn[] = [
  { header: 'NAME', shrink: true, minWidth: 6 },
  { header: 'COUNT', align: 'right' },
  { header: 'EXTRA', align: 'right', dropOrder: 1 },
];
const rows = [
  ['checkoutservice', '12', 'x'],
  ['ads', '3', 'yy'],
];

describe('renderTable', () => {
  it('borderless, two spaces between columns, numbers right-aligned, no trailing spaces', () => {
    expect(renderTable(columns, rows, 80, plain)).toEqual([
      'NAME             COUNT  EXTRA',
      'checkoutservice     12      x',
      'ads                  3     yy',
    ]);
  });

  it('shrinks the shrinkable column with an ellipsis before dropping anything', () => {
    // Natural: 15 + 5 + 5 + 2 gaps of 2 = 29 columns; at 24 the name gives up 5.
    expect(renderTable(columns, rows, 24, plain)).toEqual(['NAME        COUNT  EXTRA', 'checkouts…     12      x', 'ads             3     yy']);
  });

  it('drops optional columns when shrinking is not enough', () => {
    // The name cannot go below 6; without EXTRA, 6 + 2 + 5 = 13.
    expect(renderTable(columns, rows, 13, plain)).toEqual(['NAME    COUNT', 'check…     12', 'ads         3']);
  });

  it('without a header; coloured cells are cut before colouring, so widths hold', () => {
    const color = createTheme(1);
    const lines = renderTable([{ header: 'A', shrink: true }, { header: 'B' }], [[{ text: 'a-very-long-service-name', style: (s) => color.error(s) }, 'b']], 14, color, { header: false });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('\u001b[31m');
    expect(stripAnsi(lines[0]!)).toBe('a-very-lon…  b');
  });
});

describe('renderTable: wide characters', () => {
  // U+17000 (Tangut) and CJK ideographs take two cells on a terminal; older measures said one.
  it('pads and cuts by the cells a terminal draws', () => {
    const wide: TableColumn[] = [{ header: 'NAME', shrink: true, minWidth: 4 }, { header: 'COUNT', align: 'right' }];
    const table = [
      ['\u{17000}\u{17000} ok', '1'],
      ['日本語のサービス名', '22'],
      ['abc', '333'],
    ];
    expect(renderTable(wide, table, 80, plain)).toEqual([
      'NAME                COUNT',
      '\u{17000}\u{17000} ok                 1',
      '日本語のサービス名     22',
      'abc                   333',
    ]);
    expect(renderTable(wide, table, 14, plain)).toEqual(['NAME     COUNT', '\u{17000}\u{17000} ok      1', '日本語…     22', 'abc        333']);
    for (const width of [10, 14, 20, 25, 80]) expect(renderTable(wide, table, width, plain).filter((line) => cells(line) > width), `${width}`).toEqual([]);
  });
});

describe('renderTable: large tables', () => {
  const columns = [
    { header: 'SERVICE', shrink: true },
    { header: 'OPERATION', shrink: true },
    { header: 'COUNT', align: 'right' as const },
    { header: 'P99', align: 'right' as const },
  ];
  const rows = Array.from({ length: 300 }, (_, i) => [
    `svc-${i % 7}`,
    { text: i % 5 === 0 ? `GET /very/long/path/number/${i}/that/does/not/fit` : `op ✓ 日本 ${i}`, style: (t: string) => `\u001b[31m${t}\u001b[39m` },
    String(i * 37),
    `${(i * 1.7).toFixed(1)}ms`,
  ]);

  it('lays out exactly as cli-table3 did (its output kept in fixtures/render/), colour, wide characters and cuts included', () => {
    const reference = (name: string): string[] => readFileSync(new URL(`../../fixtures/render/${name}`, import.meta.url), 'utf8').split('\n').slice(0, -1);
    expect(renderTable(columns, rows, 60, createTheme(1))).toEqual(reference('table-60-colour.txt'));
    expect(renderTable(columns, rows, 200, createTheme(0))).toEqual(reference('table-200-plain.txt'));
  });

  it('colour takes no room: the coloured table is the plain one with colour codes, within the width measured independently', () => {
    for (const width of [40, 60, 200]) {
      const coloured = renderTable(columns, rows, width, createTheme(1));
      expect(coloured.map(stripAnsi)).toEqual(renderTable(columns, rows, width, plain).map(stripAnsi));
      expect(coloured.map(stripAnsi).filter((line) => cells(line) > width)).toEqual([]);
    }
  });

  // A layout quadratic in the rows (cli-table3's was) would not end here; how long it takes is the benchmark's business.
  it('lays out 200,000 rows', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => [`s${i % 9}`, `op${i}`, String(i), '1ms']);
    const lines = renderTable(columns, many, 80, createTheme(0));
    expect(lines).toHaveLength(200_001);
    expect(lines[200_000]).toBe('s1       op199999   199999  1ms');
  });
});
