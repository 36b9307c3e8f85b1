/**
 * The hostile suites feed "every command" (support/commands.ts reads them from the program): every
 * registered command is either a dump reader they feed or listed as one they do not feed.
 */
import { describe, expect, it } from 'vitest';
import { allCommandNames, commandNames, notDumpReaders, twoInputCommands } from './support/commands.js';

describe('every command', () => {
  it('is fed the hostile inputs, or is listed as reading no dump', () => {
    expect([...commandNames(), ...notDumpReaders()].sort()).toEqual(allCommandNames().sort());
    // ui reads dumps on a terminal only: piped, as these suites run, it refuses (test/cli/ui.test.ts).
    expect(notDumpReaders()).toEqual(['record', 'ui']);
  });

  it('the dump readers', () => {
    expect(commandNames()).toEqual(['traces', 'errors', 'latency', 'why', 'waterfall', 'span', 'spans', 'critical-path', 'stats', 'check', 'diff', 'convert', 'deps', 'report', 'redact', 'sample']);
    expect(twoInputCommands()).toEqual(['diff']);
  });
});
