/** The draft of a user group and its client-side checks. Pure. */
import type { UserGroup } from '$domain/entities';
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
  if (name.length > 100) return { name: 'The name must be at most 100 characters.' };
  const clash = otherNames.find((n) => n.toLowerCase() === name.toLowerCase());
  if (clash) return { name: `A user group named ${clash} already exists; choose another name.` };
  return {};
}
