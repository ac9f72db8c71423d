/**
 * What a deletion's confirmation says (what else changes with the item) and the notice once it is
 * done, for roles, user groups and users. The server does the deleting; this only words it. Pure.
 */
import type { RepositoryView } from '$client/index';
import { displayName, type PublicUser, type Role, type UserGroup } from '$domain/entities';

/** The wording of one deletion. */
export interface Deletion {
  /** The button or menu item that asks for the deletion, e.g. "Delete role". */
  action: string;
  title: string;
  /** What happens, naming what else changes with the item. */
  description: string;
  confirmLabel: string;
  busyLabel: string;
  /** The notice once the item is deleted. */
  done: string;
}

const UNDONE = 'This cannot be undone.';

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function namesOf<T extends { id: string; name: string }>(items: readonly T[], ids: readonly string[]): string[] {
  return items.filter((item) => ids.includes(item.id)).map((item) => item.name);
}

/** The deletion of `role`: its user groups' users stop getting its privileges through it. */
export function roleDeletion(role: Role, repository: RepositoryView): Deletion {
  const application = repository.applications.find((a) => a.id === role.applicationId)?.name ?? 'its application';
  const groups = namesOf(repository.userGroups, role.userGroupIds);
  const effect =
    groups.length === 0
      ? 'It holds no user group, so no user loses a privilege.'
      : `The users of its user group${groups.length === 1 ? '' : 's'} ${listNames(groups)} stop getting its privileges through it: API calls with their keys at once, their logins from their next one.`;
  return {
    action: 'Delete role',
    title: `Delete the role ${role.name}?`,
    description: `The role ${role.name} is removed from ${application}. ${effect} ${UNDONE}`,
    confirmLabel: 'Delete role',
    busyLabel: `Deleting the role ${role.name}…`,
    done: `The role ${role.name} was deleted.`,
  };
}

/** The deletion of `group`: it is taken out of every role that holds it; its users stay. */
export function userGroupDeletion(group: UserGroup, repository: RepositoryView): Deletion {
  const roles = repository.roles.filter((r) => r.userGroupIds.includes(group.id)).map((r) => r.name);
  const users = group.userIds.length;
  const inRoles = roles.length === 0 ? `${group.name} is in no role.` : `${group.name} is removed from every role that holds it: ${listNames(roles)}.`;
  const members =
    users === 0
      ? 'It has no users.'
      : `Its ${users === 1 ? 'user stays' : `${users} users stay`} in the Full Repository${roles.length === 0 ? '.' : `, but no longer get${users === 1 ? 's' : ''} ${roles.length === 1 ? "that role's" : "those roles'"} privileges through it.`}`;
  return {
    action: 'Delete user group',
    title: `Delete the user group ${group.name}?`,
    description: `${inRoles} ${members} ${UNDONE}`,
    confirmLabel: 'Delete user group',
    busyLabel: `Deleting the user group ${group.name}…`,
    done: `The user group ${group.name} was deleted.`,
  };
}

/** The deletion of `user`: their keys stop working, their sessions end, they leave their groups. */
export function userDeletion(user: PublicUser, repository: RepositoryView): Deletion {
  const groups = repository.userGroups.filter((g) => g.userIds.includes(user.id)).map((g) => g.name);
  const name = displayName(user);
  const who = name === user.login ? user.login : `${user.login} (${name})`;
  const effects = ['their API keys stop working', 'they are logged out'];
  if (groups.length > 0) effects.push(`they are removed from their user group${groups.length === 1 ? '' : 's'} ${listNames(groups)}`);
  return {
    action: 'Delete user',
    title: `Delete the user ${user.login}?`,
    description: `The user ${who} is deleted: ${listNames(effects)}. ${UNDONE}`,
    confirmLabel: 'Delete user',
    busyLabel: `Deleting the user ${user.login}…`,
    done: `The user ${user.login} was deleted.`,
  };
}
