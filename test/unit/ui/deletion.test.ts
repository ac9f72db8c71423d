import { describe, expect, it } from 'vitest';
import type { RepositoryView } from '../../../src/client/index';
import type { PublicUser, Role, UserGroup } from '../../../src/domain/entities';
import { listNames, roleDeletion, userDeletion, userGroupDeletion } from '../../../src/ui/editors/deletion';

const agent: PublicUser = { id: 'user-agent', login: 'apiagent', firstName: 'API', surname: 'Agent', enabled: true, designer: false };
const bare: PublicUser = { id: 'user-bare', login: 'bare', firstName: '', surname: '', enabled: true, designer: false };
const apiUsers: UserGroup = { id: 'group-api', name: 'APIUsers', description: '', userIds: ['user-agent'] };
const trainers: UserGroup = { id: 'group-trainers', name: 'Trainers', description: '', userIds: ['user-agent', 'user-bare'] };
const empty: UserGroup = { id: 'group-empty', name: 'Empty', description: '', userIds: [] };
const token: Role = { id: 'role-token', applicationId: 'app', name: 'GenerateAPIToken', description: '', privileges: ['Use API Key'], userGroupIds: ['group-api'] };
const designers: Role = { id: 'role-designers', applicationId: 'app', name: 'Designers', description: '', privileges: [], userGroupIds: ['group-api', 'group-trainers'] };
const lonely: Role = { id: 'role-lonely', applicationId: 'app', name: 'Lonely', description: '', privileges: [], userGroupIds: [] };

const repository: RepositoryView = {
  applications: [{ id: 'app', name: 'Actionflow Advanced', description: '' }],
  tables: [],
  screens: [],
  actionflows: [],
  roles: [token, designers, lonely],
  userGroups: [apiUsers, trainers, empty],
  users: [agent, bare],
  privileges: [],
};

describe('listNames', () => {
  it('joins names as a sentence would', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('roleDeletion', () => {
  it('names the application and the user groups whose users lose its privileges', () => {
    const deletion = roleDeletion(designers, repository);
    expect(deletion.title).toBe('Delete the role Designers?');
    expect(deletion.description).toMatch(/^The role Designers is removed from Actionflow Advanced\. The users of its user groups APIUsers and Trainers stop getting its privileges/);
    expect(deletion.description).toMatch(/This cannot be undone\.$/);
    expect(deletion.done).toBe('The role Designers was deleted.');
    expect(roleDeletion(token, repository).description).toContain('its user group APIUsers stop');
  });
  it('says so when no user loses anything', () => {
    expect(roleDeletion(lonely, repository).description).toContain('It holds no user group, so no user loses a privilege.');
  });
});

describe('userGroupDeletion', () => {
  it('names every role that holds the group, and keeps its users', () => {
    const deletion = userGroupDeletion(apiUsers, repository);
    expect(deletion.description).toBe(
      "APIUsers is removed from every role that holds it: GenerateAPIToken and Designers. Its user stays in the Full Repository, but no longer gets those roles' privileges through it. This cannot be undone.",
    );
    expect(deletion.confirmLabel).toBe('Delete user group');
    expect(deletion.done).toBe('The user group APIUsers was deleted.');
    expect(userGroupDeletion(trainers, repository).description).toContain("Its 2 users stay in the Full Repository, but no longer get that role's privileges");
  });
  it('words a group in no role and one with no users', () => {
    expect(userGroupDeletion(empty, repository).description).toBe('Empty is in no role. It has no users. This cannot be undone.');
    const noRole: UserGroup = { ...trainers, id: 'group-x', name: 'X' };
    expect(userGroupDeletion(noRole, repository).description).toBe('X is in no role. Its 2 users stay in the Full Repository. This cannot be undone.');
  });
});

describe('userDeletion', () => {
  it('says their keys stop working, they are logged out and leave their groups', () => {
    const deletion = userDeletion(agent, repository);
    expect(deletion.title).toBe('Delete the user apiagent?');
    expect(deletion.description).toBe(
      'The user apiagent (API Agent) is deleted: their API keys stop working, they are logged out and they are removed from their user groups APIUsers and Trainers. This cannot be undone.',
    );
    expect(deletion.done).toBe('The user apiagent was deleted.');
  });
  it('names a user without a name by login alone, and leaves out groups they are not in', () => {
    const alone: PublicUser = { ...bare, id: 'user-alone' };
    expect(userDeletion(alone, repository).description).toBe('The user bare is deleted: their API keys stop working and they are logged out. This cannot be undone.');
    expect(userDeletion(bare, repository).description).toContain('removed from their user group Trainers.');
  });
});
