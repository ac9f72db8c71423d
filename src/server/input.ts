/**
 * Reading fields of a JSON request body with clear sentences when they are missing or of the wrong
 * type. Every failure is a {@link ValidationError} naming the field.
 */
import { ValidationError } from '$domain/errors';
import { checkDescription, checkName } from '$domain/repository-checks';

export type JsonObject = Record<string, unknown>;

/** The body as an object; refuses arrays, strings and other JSON values. */
export function asObject(body: unknown, what: string): JsonObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(`The details of ${what} must be sent as a JSON object.`);
  }
  return body as JsonObject;
}

/** Refuses fields other than `allowed`, so a typo is not silently ignored. */
export function onlyFields(body: JsonObject, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    const first = unknown[0] as string;
    throw new ValidationError(`The field ${first} is not a setting of ${what}; use ${allowed.join(', ')}.`, first);
  }
}

/** A string field; `undefined` when absent and not required. */
export function stringField(body: JsonObject, field: string, label: string, what: string, required: true): string;
export function stringField(body: JsonObject, field: string, label: string, what: string, required?: false): string | undefined;
export function stringField(body: JsonObject, field: string, label: string, what: string, required = false): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new ValidationError(`The ${label} of ${what} is required.`, field);
    return undefined;
  }
  if (typeof value !== 'string') throw new ValidationError(`The ${label} of ${what} must be text.`, field);
  return value;
}

/** A boolean field; `undefined` when absent and not required. */
export function booleanField(body: JsonObject, field: string, label: string, what: string, required = false): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new ValidationError(`The ${label} setting of ${what} is required.`, field);
    return undefined;
  }
  if (typeof value !== 'boolean') throw new ValidationError(`The ${label} setting of ${what} must be true or false.`, field);
  return value;
}

/** An array of strings; `undefined` when absent. */
export function stringListField(body: JsonObject, field: string, label: string, what: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ValidationError(`The ${label} of ${what} must be a list of texts.`, field);
  }
  return [...new Set(value as string[])];
}

export { capitalise } from '$domain/repository-checks';

/**
 * The name (required, trimmed, at most 100 characters) and description (at most 2,000) of a role or
 * user group: those in `body`, or `base`'s where the body leaves them out.
 */
export function nameAndDescription(body: JsonObject, base: { name: string; description: string }, what: string): { name: string; description: string } {
  const name = (stringField(body, 'name', 'name', what) ?? base.name).trim();
  checkName(name, what);
  const description = stringField(body, 'description', 'description', what) ?? base.description;
  checkDescription(description, what);
  return { name, description };
}
