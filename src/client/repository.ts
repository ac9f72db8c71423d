/** The repository tree, table records, users, user groups and roles. */
import type { PublicUser, Role, Table, UserGroup } from '$domain/entities';
import { seg, type Http } from './http';
import type { RecordPage, RepositoryView, SandboxClient } from './types';

type RepositoryMethods = Pick<
  SandboxClient,
  | 'getRepository'
  | 'getRecords'
  | 'setAttributeExpression'
  | 'listUsers'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'listUserGroups'
  | 'createUserGroup'
  | 'updateUserGroup'
  | 'deleteUserGroup'
  | 'listRoles'
  | 'createRole'
  | 'updateRole'
  | 'deleteRole'
>;

export function repositoryMethods(http: Http): RepositoryMethods {
  return {
    getRepository: () => http.call<RepositoryView>('GET', '/repository'),
    getRecords: (tableId, query = {}) => http.call<RecordPage>('GET', `/tables/${seg(tableId)}/records`, { query: { ...query } }),
    setAttributeExpression: (tableId, attribute, expression) =>
      http.call<Table>('PUT', `/tables/${seg(tableId)}/attributes/${seg(attribute)}`, { body: { expression } }),

    listUsers: () => http.call<PublicUser[]>('GET', '/users'),
    createUser: (user) => http.call<PublicUser>('POST', '/users', { body: user }),
    updateUser: (id, changes) => http.call<PublicUser>('PUT', `/users/${seg(id)}`, { body: changes }),
    deleteUser: (id) => http.call<void>('DELETE', `/users/${seg(id)}`),

    listUserGroups: () => http.call<UserGroup[]>('GET', '/user-groups'),
    createUserGroup: (group) => http.call<UserGroup>('POST', '/user-groups', { body: group }),
    updateUserGroup: (id, changes) => http.call<UserGroup>('PUT', `/user-groups/${seg(id)}`, { body: changes }),
    deleteUserGroup: (id) => http.call<void>('DELETE', `/user-groups/${seg(id)}`),

    listRoles: () => http.call<Role[]>('GET', '/roles'),
    createRole: (role) => http.call<Role>('POST', '/roles', { body: role }),
    updateRole: (id, changes) => http.call<Role>('PUT', `/roles/${seg(id)}`, { body: changes }),
    deleteRole: (id) => http.call<void>('DELETE', `/roles/${seg(id)}`),
  };
}
