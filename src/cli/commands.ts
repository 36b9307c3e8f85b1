/**
 * Every command, in the order `--help` lists them. Each definition declares its arguments and
 * options and imports its command's module only when that command runs.
 */
import type { Command } from 'commander';
import { defineCheck } from './commands/define-check.js';
import { defineConvert } from './commands/define-convert.js';
import { defineCriticalPath } from './commands/define-critical-path.js';
import { defineDeps } from './commands/define-deps.js';
import { defineDiff } from './commands/define-diff.js';
import { defineErrors } from './commands/define-errors.js';
import { defineLatency } from './commands/define-latency.js';
import { defineRecord } from './commands/define-record.js';
import { defineRedact } from './commands/define-redact.js';
import { defineReport } from './commands/define-report.js';
import { defineSample } from './commands/define-sample.js';
import { defineSpan } from './commands/define-span.js';
import { defineSpans } from './commands/define-spans.js';
import { defineStats } from './commands/define-stats.js';
import { defineTraces } from './commands/define-traces.js';
import { defineUi } from './commands/define-ui.js';
import { defineWaterfall } from './commands/define-waterfall.js';
import { defineWhy } from './commands/define-why.js';
import type { Io } from './io.js';

export const COMMANDS: readonly ((program: Command, io: Io) => void)[] = [
  defineTraces,
  defineErrors,
  defineLatency,
  defineWhy,
  defineWaterfall,
  defineSpan,
  defineSpans,
  defineCriticalPath,
  defineStats,
  defineCheck,
  defineDiff,
  defineRecord,
  defineConvert,
  defineDeps,
  defineReport,
  defineRedact,
  defineSample,
  defineUi,
];
