/** Rules of keystore aliases as the form checks them before sending (the server checks them too). Pure. */
import type { FieldErrors } from './form/form-state.svelte';

/** Alias of the API-key signing secret. */
export const API_KEY_ALIAS = 'phixflow-api-key';
/** Alias of the password pepper, which the server never lets go. */
export const PEPPER_ALIAS = 'pepperkey';
/** The shortest `phixflow-api-key` secret the server accepts, in bytes. */
export const MIN_API_KEY_SECRET_BYTES = 32;

/** Length of a secret in UTF-8 bytes (what the 32-byte rule counts). */
export function byteLength(secret: string): number {
  return new TextEncoder().encode(secret).byteLength;
}

/** What the form says under the secret for `alias`. */
export function secretHint(alias: string, secret: string): string {
  const bytes = `${byteLength(secret)} byte${byteLength(secret) === 1 ? '' : 's'} typed.`;
  switch (alias.trim()) {
    case API_KEY_ALIAS:
      return `The ${API_KEY_ALIAS} secret signs every API key: it must be at least ${MIN_API_KEY_SECRET_BYTES} bytes long, and changing it makes every key signed with the old one invalid. ${bytes}`;
    case PEPPER_ALIAS:
      return `Careful: the ${PEPPER_ALIAS} secret is part of every password hash. After a change, users whose password was set before it can no longer log in (sessions already open stay open) until their password is set again or the instance is reset. ${bytes}`;
    default:
      return bytes;
  }
}

/** Why "Add alias" refuses an alias that is there already (the server says the same). */
export function aliasExistsMessage(alias: string): string {
  return `The keystore already has an alias named ${alias}, so adding it again would replace its secret; edit ${alias} to replace the secret on purpose.`;
}

/**
 * The fields the user left empty, and (when adding) an alias that is there already; the server
 * gives the sentences for anything else.
 * @param existing the aliases the keystore holds, when adding one; omitted when replacing a secret
 */
export function checkKeystoreEntry(alias: string, secret: string, existing?: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  const name = alias.trim();
  if (!name) errors.alias = 'Enter the alias, e.g. phixflow-api-key (aliases are case-sensitive).';
  else if (existing?.includes(name)) errors.alias = aliasExistsMessage(name);
  if (secret === '') errors.secret = 'Enter the secret.';
  return errors;
}
