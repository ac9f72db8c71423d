/** Rules of keystore aliases as the form checks them before sending (the server checks them too). Pure. */
import { API_KEY_ALIAS, PEPPER_ALIAS, SIGNING_SECRET_MIN_BYTES, utf8Length } from '$domain/rules';
import type { FieldErrors } from './form/form-state.svelte';

/** What the form says under the secret for `alias`. */
export function secretHint(alias: string, secret: string): string {
  const bytes = `${utf8Length(secret)} byte${utf8Length(secret) === 1 ? '' : 's'} typed.`;
  switch (alias.trim()) {
    case API_KEY_ALIAS:
      return `The ${API_KEY_ALIAS} secret signs every API key: it must be at least ${SIGNING_SECRET_MIN_BYTES} bytes long, and changing it makes every key signed with the old one invalid. ${bytes}`;
    case PEPPER_ALIAS:
      return `Careful: the ${PEPPER_ALIAS} secret is part of every password hash. After a change, users whose password was set before it can no longer log in (sessions already open stay open) until their password is set again or the instance is reset. ${bytes}`;
    default:
      return bytes;
  }
}

/** Only the fields the user left empty; the server gives the sentences for anything else. */
export function checkKeystoreEntry(alias: string, secret: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!alias.trim()) errors.alias = 'Enter the alias, e.g. phixflow-api-key (aliases are case-sensitive).';
  if (secret === '') errors.secret = 'Enter the secret.';
  return errors;
}
