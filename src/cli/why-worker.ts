/**
 * The parse worker of `why`: it parses and decodes records into full spans and counts them right
 * here, in an analysis of its own, so that no span object ever crosses between threads (a span with
 * its attribute maps costs more to clone than to parse). At the end it sends its counts, which the
 * main thread merges with its own (why-read.ts).
 *
 * Messages in: `{ whyConfig }` once, then RecordJobs (answered with a JobResult each, as the compact
 * parse worker answers them), then `{ whyFinish: true }` (answered with `{ whySnapshot }`).
 */
import { parentPort } from 'node:worker_threads';
import { WhyAnalysis, type WhyOptions } from '../analyses/why/why-analysis.js';
import { decodeJobSpans, type RecordJob } from '../input/decode-records.js';
import type { Span } from '../model/span.js';
import type { LeanAttributes, LeanSpan } from '../model/lean-span.js';
import { whyFeeder, whyLeanFeeder, type WhyExpressions } from './why-feed.js';

export interface WhyWorkerConfig {
  readonly options: WhyOptions;
  readonly expressions: WhyExpressions;
}

type Incoming = { whyConfig: WhyWorkerConfig } | { whyFinish: true } | RecordJob;

const port = parentPort;
if (port === null) throw new Error('why-worker.js runs as a worker thread');
let analysis: WhyAnalysis | undefined;
let feed: ((span: Span) => void) | undefined;
let feedLean: ((span: LeanSpan, attributes: LeanAttributes) => void) | undefined;

port.on('message', (msg: Incoming) => {
  if ('whyConfig' in msg) {
    analysis = new WhyAnalysis(msg.whyConfig.options);
    feed = whyFeeder(analysis, msg.whyConfig.expressions);
    feedLean = whyLeanFeeder(analysis, msg.whyConfig.expressions);
    return;
  }
  if ('whyFinish' in msg) {
    port.postMessage({ whySnapshot: analysis!.snapshot() });
    return;
  }
  try {
    port.postMessage(decodeJobSpans(msg, feed!, feedLean));
  } catch (err) {
    // A bug, not bad input: report it so the main thread fails with the message.
    port.postMessage({ seq: msg.seq, crash: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
