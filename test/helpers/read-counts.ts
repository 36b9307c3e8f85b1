/** How the helpers' reads took their records (fast or the ordinary way), summed over every read they make. */
import { newReadCounts } from '../../src/input/read-tuning.js';

export const readCounts = newReadCounts();
