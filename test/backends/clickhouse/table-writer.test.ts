import { describe, expect, it } from 'vitest';
import { TableWriter } from '../../../src/backends/clickhouse/table-writer.js';
import { makeSpan } from '../../helpers/make-span.js';

describe('the table writer', () => {
  it('sends batches of rows, one in flight at a time, holding the reader back while a second is full', async () => {
    const sent: number[] = [];
    const release: (() => void)[] = [];
    const writer = new TableWriter(async (body) => {
      await new Promise<void>((resolve) => release.push(resolve));
      sent.push(body.trimEnd().split('\n').length);
    }, 3);
    const add = (n: number): void => {
      for (let i = 0; i < n; i++) writer.add(makeSpan({ id: Math.random().toString(16).slice(2, 10), start: i, dur: 1 }));
    };
    add(3); // the first batch goes out
    add(3); // the second fills while the first is in flight
    let roomy = false;
    const room = writer.room().then(() => (roomy = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(roomy).toBe(false);
    release.shift()!(); // the first is done: the second goes out, the reader may go on
    await room;
    expect(sent).toEqual([3]);
    add(1);
    const done = writer.finish();
    await new Promise((r) => setTimeout(r, 5));
    release.shift()!(); // the second
    await new Promise((r) => setTimeout(r, 5));
    release.shift()!(); // the last, of one row
    expect(await done).toEqual({ spans: 7, traces: 1, repeats: 0 });
    expect(sent).toEqual([3, 3, 1]);
  });

  it('writes a span read twice once, and leaves out one with no time', async () => {
    const bodies: string[] = [];
    const writer = new TableWriter(async (body) => void bodies.push(body));
    const span = makeSpan({ id: 'a', start: 0, dur: 1 });
    writer.add(span);
    writer.add({ ...span });
    writer.add(makeSpan({ id: 'b', start: 0, dur: 1, timing: 'missing' }));
    expect(await writer.finish()).toEqual({ spans: 1, traces: 1, repeats: 1 });
    expect(bodies.join('').trimEnd().split('\n')).toHaveLength(1);
    expect(writer.losses.entries().map((l) => l.code)).toEqual(['no-timestamp']);
  });

  it('a failed insert fails the run', async () => {
    const writer = new TableWriter(async () => {
      throw new Error('ClickHouse said no');
    }, 1);
    writer.add(makeSpan({ id: 'a', start: 0, dur: 1 }));
    writer.add(makeSpan({ id: 'b', start: 0, dur: 1 }));
    await expect(writer.room().then(() => writer.finish())).rejects.toThrow('ClickHouse said no');
  });
});
