/**
 * The platform's rules, defined once: lengths, patterns, aliases and markers that the server, the
 * forms, instance import, the lessons and the designer all apply. Import them from here; never copy
 * a number or a pattern into another module.
 */

/** Names of roles, user groups, actionflows, actions, first names and surnames: at most this many characters. */
export const NAME_MAX_LENGTH = 100;
/** Descriptions of roles, user groups and actionflows. */
export const DESCRIPTION_MAX_LENGTH = 2_000;

/** A user's login: 2 to 64 letters, digits, dots, underscores or hyphens. */
export const LOGIN_PATTERN = /^[A-Za-z0-9._-]{2,64}$/;
/** The shortest password accepted. */
export const PASSWORD_MIN_LENGTH = 8;

/** Alias of the API-key signing secret in the keystore. */
export const API_KEY_ALIAS = 'phixflow-api-key';
/** Alias of the password pepper in the keystore. */
export const PEPPER_ALIAS = 'pepperkey';
/** The shortest `phixflow-api-key` secret accepted, in UTF-8 bytes. */
export const SIGNING_SECRET_MIN_BYTES = 32;
/** A keystore alias: 1 to 100 letters, digits, dots, underscores or hyphens (case-sensitive). */
export const KEYSTORE_ALIAS_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
/** The longest secret (keystore value or an HTTP action's secret key), in characters. */
export const SECRET_MAX_LENGTH = 4_096;

/** What a saved secret is shown as whenever it leaves the server; sent back, it keeps the saved value. */
export const MASKED_SECRET = '********';

/** An end point's URL Alias: letters, digits, underscores and hyphens, at most 64 (empty: none). */
export const URL_ALIAS_PATTERN = /^[A-Za-z0-9_-]{0,64}$/;
/** An HTTP header name (an RFC 9110 token). */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/;
/** Names that expressions refer to (`_datasource.X`, `in.X`, `_context.X`): an identifier. */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** An end point's Timeout: 1 ms to one hour. */
export const TIMEOUT_MAX_MS = 3_600_000;

/** Length of a text in UTF-8 bytes (the keystore's measure). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** Compares names as the platform does: ignoring case and surrounding spaces. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The audit code of a screen run refused for a privilege its user holds now but their session does
 * not (the session started before a group or role change; logging in again picks it up).
 */
export const OUTDATED_SESSION_CODE = 'outdated_session';
