/**
 * The parse worker: receives batches of framed record text, parses and decodes them, and posts back
 * compact spans (their typed arrays transferred, not copied). Parsing is most of the work of reading
 * a dump; doing it here lets the main thread read, gunzip and frame the next bytes meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { BatchEncoder, batchTransferList } from './compact-batch.js';
import { runJob, type JobResult, type RecordJob } from './decode-records.js';

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs as a worker thread');
const encoder = new BatchEncoder();
port.on('message', (job: RecordJob) => {
  let result: JobResult;
  try {
    result = runJob(job, encoder);
  } catch (err) {
    // A bug, not bad input: report it so the main thread fails with the message.
    port.postMessage({ seq: job.seq, crash: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return;
  }
  port.postMessage(result, batchTransferList(result.batch));
});
