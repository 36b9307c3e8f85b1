/**
 * Errors a user can cause. Thrown anywhere, caught once in cli/main.ts, printed as one line,
 * and turned into the process exit code. Anything else that escapes is a bug.
 */
/** A check the user asked for failed (budgets, --fail-on-error). */
const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
/** Usage or input error. */
export const EXIT_USAGE = 2;

export class TracectlError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'TracectlError';
    this.exitCode = exitCode;
  }
}

/** Bad input: names the file and, when known, where in it. */
export class InputError extends TracectlError {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`, EXIT_USAGE);
    this.name = 'InputError';
    this.file = file;
  }
}

export class UsageError extends TracectlError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/**
 * Not a failure: a run that has done what was asked before its usual end (--explain printed the
 * statements a table input would be sent). Ends the run quietly with exit code 0.
 */
export class RunComplete extends TracectlError {
  constructor() {
    super('', EXIT_OK);
    this.name = 'RunComplete';
  }
}
