/**
 * Runs a step as a user the kernel holds to file modes. Root reads a file of mode 000 anyway, and CI
 * runs as root, so a "permission denied" test would show nothing there; as root this process takes
 * the effective user and group `nobody` (65534) for the step and takes root back after it (the saved
 * set-user-id stays 0). Anyone else is held to file modes already, and runs the step as is.
 *
 * The effective ids are per process, so this needs the test file in a process of its own (vitest's
 * `forks` pool) and no other step of that file running meanwhile (tests in a file run one at a
 * time). Modules the step imports lazily must be loaded before (run the command once first): the
 * checkout may not be readable by `nobody`.
 */
const NOBODY = 65534;

export async function asUnprivilegedUser<T>(step: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0) return step();
  if (process.seteuid === undefined || process.setegid === undefined) throw new Error('running as root without process.seteuid (a worker thread?): cannot drop the privilege to test file modes');
  process.setegid(NOBODY);
  process.seteuid(NOBODY);
  try {
    return await step();
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}
