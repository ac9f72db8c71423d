/**
 * Domain errors. Each carries a full sentence meant for the learner; the server maps them to HTTP
 * statuses in one place (src/server/errors.ts).
 */

/** Input that breaks a rule (required field, too short a secret, duplicate name…). */
export class ValidationError extends Error {
  override name = 'ValidationError';
  /** The field at fault, for forms to highlight. */
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.field = field;
  }
}

/** A referenced entity does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The change clashes with the current state (a name already taken, something in use). */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** The caller is not allowed to do this (not logged in, lacks a privilege or design rights). */
export class PermissionError extends Error {
  override name = 'PermissionError';
  readonly loggedIn: boolean;
  constructor(message: string, loggedIn = true) {
    super(message);
    this.loggedIn = loggedIn;
  }
}
