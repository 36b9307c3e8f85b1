import { describe, expect, it } from 'vitest';
import { ipVersion } from '../../../src/formats/encode/ip.js';
import { LaneSet } from '../../../src/formats/encode/lanes.js';
import { floorMicros, microTiming } from '../../../src/formats/encode/micros.js';

describe('microTiming', () => {
  it('rounds start and end down and takes the difference, so the end stays within 1 µs', () => {
    // start 999 ns, end 2_001 ns: start 0 µs, end 2 µs (rounding the 1_002 ns duration alone would give an end of 1 µs)
    expect(microTiming(999n, 1_002)).toEqual({ startUs: 0, durationUs: 2, lossy: true });
    expect(microTiming(5_000n, 3_000)).toEqual({ startUs: 5, durationUs: 3, lossy: false });
    expect(microTiming(1_700_000_000_000_000_123n, 100_000_333)).toEqual({ startUs: 1_700_000_000_000_000, durationUs: 100_000, lossy: true });
  });

  it('rounds toward minus infinity for times before the epoch', () => {
    expect(floorMicros(-1n)).toBe(-1);
    expect(floorMicros(-1000n)).toBe(-1);
    expect(floorMicros(-1001n)).toBe(-2);
  });
});

describe('ipVersion', () => {
  it('tells IPv4 and IPv6 addresses from host names', () => {
    expect(['10.0.0.1', '10.0.0.04', '255.255.255.255'].map(ipVersion)).toEqual([4, 4, 4]);
    expect(['2001:db8::c001', '::1', 'fe80:0:0:0:0:0:0:1', '::ffff:10.0.0.1'].map(ipVersion)).toEqual([6, 6, 6, 6]);
    expect(['web-1', '256.0.0.1', '10.0.0', '1:2:3:4:5:6:7:8:9', '1::2::3', 'cafe', ''].map(ipVersion)).toEqual([
      undefined, undefined, undefined, undefined, undefined, undefined, undefined,
    ]);
  });
});

describe('LaneSet', () => {
  it('keeps nested intervals on one lane and moves overlapping ones to the next', () => {
    //  0         10        20        30
    //  [root..............................]  lane 0
    //   [a......]                            lane 0 (inside root)
    //        [b..........]                   lane 1 (overlaps a without nesting)
    //              [c]                       lane 0 (a has ended; inside root)
    //                         [d...]         lane 0
    const lanes = new LaneSet();
    expect([lanes.place(0, 35), lanes.place(1, 9), lanes.place(6, 18), lanes.place(12, 14), lanes.place(25, 29)]).toEqual([0, 0, 1, 0, 0]);
    expect(lanes.count).toBe(2);
  });

  it('never puts an earlier interval on a lane that has moved past it, unless everything there ended', () => {
    const lanes = new LaneSet();
    lanes.place(100, 200);
    expect(lanes.place(50, 150)).toBe(1); // would overlap [100, 200] without nesting
    expect(lanes.place(150, 160)).toBe(0); // nests in [100, 200]
    expect(lanes.place(10, 20)).toBe(2); // earlier than lane 0's and lane 1's latest starts
    expect(lanes.place(300, 400)).toBe(0); // after everything on lane 0
  });

  it('lets an interval start where the previous one ended', () => {
    const lanes = new LaneSet();
    expect([lanes.place(0, 10), lanes.place(10, 20), lanes.place(20, 20)]).toEqual([0, 0, 0]);
  });
});
