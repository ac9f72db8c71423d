/**
 * The privilege catalogue of the Full Repository and the privilege chain
 * user → user groups → roles → privileges.
 */
import type { Role, User, UserGroup } from './entities';

export const USE_API_KEY = 'Use API Key';
export const RUN_ACTIONS = 'Run Actions';

/** The fixed catalogue of privileges a role may hold. */
export const PRIVILEGES: readonly { name: string; description: string }[] = [
  { name: USE_API_KEY, description: 'Call API end points with an API key, and use secret keys in HTTP actions.' },
  { name: RUN_ACTIONS, description: 'Run actionflows from screens.' },
  { name: 'View Table Actions', description: 'See the actions of tables (up to version 11.2).' },
  { name: 'Design Applications', description: 'Create and change applications, screens and actionflows.' },
  { name: 'Manage Users', description: 'Create and change users and user groups.' },
  { name: 'Manage Keystore', description: 'Read and change keystore aliases.' },
  { name: 'View Audit Trail', description: 'Read the audit trail.' },
  { name: 'Export Data', description: 'Export table data to files.' },
] as const;

/** True when `name` is in the privilege catalogue. */
export function isKnownPrivilege(name: string): boolean {
  return PRIVILEGES.some((p) => p.name === name);
}

/** What the chain needs to know of the repository. */
export interface PrivilegeGraph {
  users: Pick<User, 'id' | 'enabled'>[];
  userGroups: Pick<UserGroup, 'id' | 'userIds'>[];
  roles: Pick<Role, 'id' | 'privileges' | 'userGroupIds'>[];
}

/**
 * The privileges a user holds now: those of every role that contains a user group the user is in.
 * A disabled or unknown user holds none. The result is sorted and has no duplicates.
 */
export function privilegesOf(userId: string, graph: PrivilegeGraph): string[] {
  const user = graph.users.find((u) => u.id === userId);
  if (!user || !user.enabled) return [];
  const groupIds = new Set(graph.userGroups.filter((g) => g.userIds.includes(userId)).map((g) => g.id));
  const held = new Set<string>();
  for (const role of graph.roles) {
    if (role.userGroupIds.some((id) => groupIds.has(id))) role.privileges.forEach((p) => held.add(p));
  }
  return [...held].sort();
}

/** True when the user holds `privilege` through their groups and roles. */
export function hasPrivilege(userId: string, privilege: string, graph: PrivilegeGraph): boolean {
  return privilegesOf(userId, graph).includes(privilege);
}
