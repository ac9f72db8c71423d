/** The draft of a role and its client-side checks. Pure. */
import type { Role } from '$domain/entities';
import { NAME_MAX_LENGTH, sameName } from '$domain/rules';
import type { FieldErrors } from './form/form-state.svelte';

export interface RoleDraft {
  name: string;
  description: string;
  privileges: string[];
  userGroupIds: string[];
}

export const EMPTY_ROLE: RoleDraft = { name: '', description: '', privileges: [], userGroupIds: [] };

export function roleDraft(role: Role): RoleDraft {
  return { name: role.name, description: role.description, privileges: [...role.privileges], userGroupIds: [...role.userGroupIds] };
}

export function checkRoleDraft(draft: RoleDraft, otherNames: readonly string[]): FieldErrors {
  const name = draft.name.trim();
  if (!name) return { name: 'Enter a name for the role, e.g. GenerateAPIToken.' };
  if (name.length > NAME_MAX_LENGTH) return { name: `The name must be at most ${NAME_MAX_LENGTH} characters.` };
  const clash = otherNames.find((n) => sameName(n, name));
  if (clash) return { name: `The application already has a role named ${clash}; choose another name.` };
  return {};
}
