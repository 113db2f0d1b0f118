/**
 * A configuration or preflight problem the user fixes: its message is the whole story in one line
 * (where, what, the fix). main prints it without a stack trace and exits non-zero.
 */
export class UserFacingError extends Error {
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserFacingError';
    this.exitCode = options.exitCode ?? 1;
  }

  static isInstance(value: unknown): value is UserFacingError {
    return value instanceof UserFacingError;
  }
}
