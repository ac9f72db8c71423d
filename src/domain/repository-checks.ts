/**
 * The platform's rules for repository items, as checks that refuse with a sentence
 * ({@link ValidationError} naming the field). The server's readers and instance import both call
 * them, so a file cannot bring in what a form or the API would refuse. Pure.
 */
import type { ApiSettings } from './actionflow';
import { ValidationError } from './errors';
import { isKnownPrivilege } from './privileges';
import {
  API_KEY_ALIAS,
  DESCRIPTION_MAX_LENGTH,
  KEYSTORE_ALIAS_PATTERN,
  LOGIN_PATTERN,
  NAME_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SECRET_MAX_LENGTH,
  SIGNING_SECRET_MIN_BYTES,
  TIMEOUT_MAX_MS,
  URL_ALIAS_PATTERN,
  utf8Length,
} from './rules';

/** The sentence-start form of a phrase ("the user group X" → "The user group X"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A user's login: required, 2 to 64 letters, digits, dots, underscores or hyphens. */
export function checkLogin(login: string, what: string): void {
  if (!login) throw new ValidationError(`The login of ${what} is required.`, 'login');
  if (!LOGIN_PATTERN.test(login)) {
    throw new ValidationError(
      `The login ${JSON.stringify(login)} of ${what} must be 2 to 64 characters of letters, digits, dots, underscores or hyphens.`,
      'login',
    );
  }
}

/** A user's first name or surname: required, at most {@link NAME_MAX_LENGTH} characters. */
export function checkPersonName(value: string, field: 'firstName' | 'surname', what: string): void {
  const label = field === 'firstName' ? 'first name' : 'surname';
  if (!value.trim()) throw new ValidationError(`The ${label} of ${what} is required.`, field);
  if (value.length > NAME_MAX_LENGTH) throw new ValidationError(`The ${label} of ${what} must be at most ${NAME_MAX_LENGTH} characters.`, field);
}

/** A new password: at least {@link PASSWORD_MIN_LENGTH} characters. */
export function checkPassword(password: string, what: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError(`The password of ${what} must be at least ${PASSWORD_MIN_LENGTH} characters long.`, 'password');
  }
}

/** A name of a role, user group, application or actionflow: required (trimmed), at most {@link NAME_MAX_LENGTH}. */
export function checkName(name: string, what: string, field = 'name'): void {
  if (!name.trim()) throw new ValidationError(`The name of ${what} is required.`, field);
  if (name.length > NAME_MAX_LENGTH) throw new ValidationError(`The name of ${what} must be at most ${NAME_MAX_LENGTH} characters.`, field);
}

/** A description: at most {@link DESCRIPTION_MAX_LENGTH} characters. */
export function checkDescription(description: string, what: string): void {
  if (description.length > DESCRIPTION_MAX_LENGTH) {
    throw new ValidationError(`The description of ${what} must be at most ${DESCRIPTION_MAX_LENGTH} characters.`, 'description');
  }
}

/** An actionflow's name: a name that holds no slash, since it becomes part of the end point's URL. */
export function checkActionflowName(name: string, what: string): void {
  checkName(name, what);
  if (/[/\\]/.test(name)) throw new ValidationError(`The name of ${what} cannot hold a slash, because it becomes part of the end point's URL.`, 'name');
}

/** An Exclusion Group: free text of at most {@link NAME_MAX_LENGTH} characters (empty: none). */
export function checkExclusionGroup(group: string, what: string): void {
  if (group.length > NAME_MAX_LENGTH) throw new ValidationError(`The Exclusion Group of ${what} must be at most ${NAME_MAX_LENGTH} characters.`, 'exclusionGroup');
}

/** Privileges of a role: each from the catalogue. */
export function checkPrivileges(privileges: readonly string[], what: string): void {
  const unknown = privileges.find((p) => !isKnownPrivilege(p));
  if (unknown !== undefined) {
    throw new ValidationError(`${capitalise(what)} cannot hold the privilege ${JSON.stringify(unknown)}, because the Full Repository has no privilege of that name.`, 'privileges');
  }
}

/** A keystore alias: 1 to 100 letters, digits, dots, underscores or hyphens. */
export function checkKeystoreAlias(alias: string): void {
  if (!KEYSTORE_ALIAS_PATTERN.test(alias)) {
    throw new ValidationError(
      `The keystore alias ${JSON.stringify(alias)} must be 1 to 100 characters of letters, digits, dots, underscores or hyphens.`,
      'alias',
    );
  }
}

/** Refuses a secret that breaks the rules of `alias` (required, at most 4,096 characters, the signing key's 32 bytes). */
export function checkKeystoreSecret(alias: string, secret: string): void {
  if (secret === '') throw new ValidationError(`The secret of the keystore alias ${alias} is required.`, 'secret');
  if (secret.length > SECRET_MAX_LENGTH) {
    throw new ValidationError(`The secret of the keystore alias ${alias} must be at most ${SECRET_MAX_LENGTH} characters.`, 'secret');
  }
  const bytes = utf8Length(secret);
  if (alias === API_KEY_ALIAS && bytes < SIGNING_SECRET_MIN_BYTES) {
    throw new ValidationError(
      `The ${API_KEY_ALIAS} secret must be at least ${SIGNING_SECRET_MIN_BYTES} bytes long, but the one given is ${bytes} byte${bytes === 1 ? '' : 's'}.`,
      'secret',
    );
  }
}

/** An end point's whole API section, as stored (the server's PATCH reads the same rules field by field). */
export function checkApiSettings(api: ApiSettings, what: string): void {
  if (!URL_ALIAS_PATTERN.test(api.urlAlias)) {
    throw new ValidationError(`The URL Alias of ${what} may hold only letters, digits, underscores and hyphens, at most 64 of them.`, 'api.urlAlias');
  }
  if (api.apiMode !== 'synchronous' && api.apiMode !== 'asynchronous') {
    throw new ValidationError(`The API Mode of ${what} must be synchronous or asynchronous.`, 'api.apiMode');
  }
  if (!Number.isInteger(api.timeoutMs) || api.timeoutMs < 1 || api.timeoutMs > TIMEOUT_MAX_MS) {
    throw new ValidationError(`The Timeout of ${what} must be a whole number of milliseconds from 1 to ${TIMEOUT_MAX_MS.toLocaleString('en')}.`, 'api.timeoutMs');
  }
  for (const [field, label] of [
    ['allowAnonymousConnections', 'Allow Anonymous Connections'],
    ['logRequest', 'Log Request'],
    ['logResponse', 'Log Response'],
  ] as const) {
    if (typeof api[field] !== 'boolean') throw new ValidationError(`The ${label} setting of ${what} must be true or false.`, `api.${field}`);
  }
}
