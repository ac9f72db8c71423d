/** The draft of a user and its client-side checks (the server checks the same, and more). Pure. */
import type { NewUser, UserUpdate } from '$client/index';
import type { PublicUser } from '$domain/entities';
import { LOGIN_PATTERN, PASSWORD_MIN_LENGTH } from '$domain/rules';
import type { FieldErrors } from './form/form-state.svelte';

export interface UserDraft {
  login: string;
  firstName: string;
  surname: string;
  /** Empty on an existing user keeps the old password. */
  password: string;
  enabled: boolean;
}

export const EMPTY_USER: UserDraft = { login: '', firstName: '', surname: '', password: '', enabled: true };

export function userDraft(user: PublicUser): UserDraft {
  return { login: user.login, firstName: user.firstName, surname: user.surname, password: '', enabled: user.enabled };
}

/** Errors by field; `isNew` makes the password required. */
export function checkUserDraft(draft: UserDraft, isNew: boolean, otherLogins: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  const login = draft.login.trim();
  if (!login) errors.login = 'Enter a login, e.g. apiagent.';
  else if (!LOGIN_PATTERN.test(login)) errors.login = 'The login must be 2 to 64 letters, digits, dots, underscores or hyphens.';
  else if (otherLogins.some((l) => l.toLowerCase() === login.toLowerCase())) errors.login = `A user with the login ${login} already exists; choose another login.`;
  if (!draft.firstName.trim()) errors.firstName = 'Enter the first name.';
  if (!draft.surname.trim()) errors.surname = 'Enter the surname.';
  if (isNew && draft.password === '') errors.password = `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  else if (draft.password !== '' && draft.password.length < PASSWORD_MIN_LENGTH) errors.password = `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  return errors;
}

export function newUser(draft: UserDraft): NewUser {
  return { login: draft.login.trim(), firstName: draft.firstName.trim(), surname: draft.surname.trim(), password: draft.password, enabled: draft.enabled };
}

export function userUpdate(draft: UserDraft): UserUpdate {
  const update: UserUpdate = { login: draft.login.trim(), firstName: draft.firstName.trim(), surname: draft.surname.trim(), enabled: draft.enabled };
  if (draft.password !== '') update.password = draft.password;
  return update;
}
