// A UserError is a mistake the member can fix: it carries a stable code (an i18n key under
// `errors.`) and parameters, and is rendered in the member's language with a correct example.
// Any other thrown value is a bug: it is logged with an error id and the member gets an apology.

/** Parameters interpolated into an error message. */
export type ErrorParams = Record<string, string | number>;

export class UserError extends Error {
  readonly code: string;
  readonly params: ErrorParams;

  constructor(code: string, params: ErrorParams = {}) {
    super(code);
    this.name = 'UserError';
    this.code = code;
    this.params = params;
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;
