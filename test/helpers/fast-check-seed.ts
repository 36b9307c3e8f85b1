/**
 * Vitest setup: with FC_SEED set (as .ci/run does), every fast-check property runs from that seed,
 * so CI runs the same cases every time; locally, without it, each run explores new ones (a failure
 * prints its seed and path for replaying).
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
