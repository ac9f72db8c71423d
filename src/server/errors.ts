/**
 * The one place that maps errors to HTTP answers. Error bodies are
 * `{ "error": { "code", "message", "field"? } }` with `message` a full sentence.
 */
import { jsonResponse } from './json-response';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '$domain/errors';
import { ExpressionError } from '$domain/expression';
import { isQuotaError, storageFullSentence } from '$instance/storage';

/** An error that already knows its HTTP status and code (the incoming API's contract). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    /** Headers the answer carries (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** The status, code and message an error maps to. Unknown errors become a 500 without internals. */
export function describeError(err: unknown): { status: number; code: string; message: string; field: string | null } {
  if (err instanceof ApiError) return { status: err.status, code: err.code, message: err.message, field: err.field };
  if (err instanceof ValidationError) return { status: 400, code: 'validation_failed', message: err.message, field: err.field };
  if (err instanceof ExpressionError) return { status: 400, code: 'invalid_expression', message: err.message, field: null };
  if (err instanceof NotFoundError) return { status: 404, code: 'not_found', message: err.message, field: null };
  if (err instanceof ConflictError) return { status: 409, code: 'conflict', message: err.message, field: null };
  if (err instanceof PermissionError)
    return { status: err.loggedIn ? 403 : 401, code: err.loggedIn ? 'forbidden' : 'not_logged_in', message: err.message, field: null };
  if (isQuotaError(err)) return { status: 507, code: 'storage_full', message: storageFullSentence('the change'), field: null };
  return {
    status: 500,
    code: 'internal_error',
    message: 'The simulated server failed unexpectedly; the instance was not changed.',
    field: null,
  };
}

/** A JSON error response for `err`. */
export function errorResponse(err: unknown, headers?: Record<string, string>): Response {
  const { status, code, message, field } = describeError(err);
  const body: ErrorBody = { error: field ? { code, message, field } : { code, message } };
  return jsonResponse(body, { status, headers: { ...(err instanceof ApiError ? err.headers : {}), ...headers } });
}
