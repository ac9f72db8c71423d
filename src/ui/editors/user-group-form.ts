/** The draft of a user group and its client-side checks. Pure. */
import type { UserGroup } from '$domain/entities';
import { NAME_MAX_LENGTH, sameName } from '$domain/rules';
import type { FieldErrors } from './form/form-state.svelte';

export interface UserGroupDraft {
  name: string;
  description: string;
  userIds: string[];
}

export const EMPTY_USER_GROUP: UserGroupDraft = { name: '', description: '', userIds: [] };

export function userGroupDraft(group: UserGroup): UserGroupDraft {
  return { name: group.name, description: group.description, userIds: [...group.userIds] };
}

export function checkUserGroupDraft(draft: UserGroupDraft, otherNames: readonly string[]): FieldErrors {
  const name = draft.name.trim();
  if (!name) return { name: 'Enter a name for the user group, e.g. APIUsers.' };
  if (name.length > NAME_MAX_LENGTH) return { name: `The name must be at most ${NAME_MAX_LENGTH} characters.` };
  const clash = otherNames.find((n) => sameName(n, name));
  if (clash) return { name: `A user group named ${clash} already exists; choose another name.` };
  return {};
}
