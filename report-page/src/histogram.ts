/**
 * A row's latency histogram as a small SVG (the 1-2-5 log buckets of `tracectl latency
 * --histogram`), each bar titled with its range and count, and the whole described in words for
 * screen readers.
 */
import type { HistogramBucket } from '../../src/analyses/histogram.js';
import { svg } from './dom.js';
import { fmtCount, fmtMs } from './format.js';

const WIDTH = 140;
const HEIGHT = 26;

export function histogramSvg(buckets: readonly HistogramBucket[]): SVGSVGElement {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const barWidth = buckets.length === 0 ? 0 : WIDTH / buckets.length;
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const label =
    first === undefined || last === undefined
      ? 'no durations'
      : `${fmtCount(total)} durations from ${fmtMs(first.fromMs)} to ${fmtMs(last.toMs)} in ${buckets.length} log-scale buckets`;
  const el = svg('svg', { class: 'hist', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label });
  buckets.forEach((b, i) => {
    const h = b.count === 0 ? 0 : Math.max(1.5, (b.count / max) * (HEIGHT - 2));
    el.append(
      svg(
        'rect',
        { x: (i * barWidth + 0.5).toFixed(2), y: (HEIGHT - h).toFixed(2), width: Math.max(1, barWidth - 1).toFixed(2), height: h.toFixed(2) },
        svg('title', null, `${fmtMs(b.fromMs)} – ${fmtMs(b.toMs)}: ${fmtCount(b.count)}`),
      ),
    );
  });
  return el;
}
