import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { APP_ID, as, expectError, expectUnchanged, login } from './helpers';

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

describe('user groups', () => {
  it('lists, creates, changes and deletes a group', async () => {
    const trainee = as(t, session);
    expect((await trainee.get('/user-groups')).body.map((g: { name: string }) => g.name)).toEqual(['Trainers']);
    const created = await trainee.post('/user-groups', { name: ' APIUsers ', description: 'Callers of the API', userIds: ['user-trainee', 'user-trainee'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'APIUsers', description: 'Callers of the API', userIds: ['user-trainee'] });
    const changed = await trainee.put(`/user-groups/${created.body.id}`, { name: 'API Users', userIds: [] });
    expect(changed.body).toMatchObject({ name: 'API Users', description: 'Callers of the API', userIds: [] });
    expect((await trainee.del(`/user-groups/${created.body.id}`)).status).toBe(204);
    expect(await t.db.userGroups.get(created.body.id)).toBeUndefined();
    expect(t.changes.filter((c) => c === 'userGroups')).toHaveLength(3);
  });

  it('takes a deleted group out of every role', async () => {
    const trainee = as(t, session);
    const group = (await trainee.post('/user-groups', { name: 'APIUsers' })).body;
    const role = (await trainee.post('/roles', { applicationId: APP_ID, name: 'GenerateAPIToken', userGroupIds: [group.id, 'group-trainers'] })).body;
    await trainee.del(`/user-groups/${group.id}`);
    expect((await t.db.roles.get(role.id))!.userGroupIds).toEqual(['group-trainers']);
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['no name', { userIds: [] }, 'name', /name of the new user group is required/],
    ['a blank name', { name: '   ' }, 'name', /is required/],
    ['a name taken in another case', { name: 'trainers' }, 'name', /named Trainers already exists/],
    ['an unknown user', { name: 'X', userIds: ['user-trainee', 'ghost'] }, 'userIds', /ghost, because there is no such user/],
    ['users that are not a list of texts', { name: 'X', userIds: 'user-trainee' }, 'userIds', /list of texts/],
    ['a 101-character name', { name: 'n'.repeat(101) }, 'name', /at most 100/],
    ['an unknown field', { name: 'X', roles: [] }, 'roles', /not a setting/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} (400 on ${field}), changing nothing`, async () => {
      await expectUnchanged(t.db, async () => {
        expect(expectError(await as(t, session).post('/user-groups', body), 400, 'validation_failed', field)).toMatch(message);
      });
    });
  }

  it('refuses a change to a missing group, a clash on rename, and callers without rights', async () => {
    const other = (await as(t, session).post('/user-groups', { name: 'Other' })).body;
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).put('/user-groups/nope', { name: 'Y' }), 404, 'not_found');
      expectError(await as(t, session).put(`/user-groups/${other.id}`, { name: 'TRAINERS' }), 400, 'validation_failed', 'name');
      expectError(await as(t, session).del('/user-groups/nope'), 404, 'not_found');
      expectError(await as(t, null).post('/user-groups', { name: 'Z' }), 401, 'not_logged_in');
      expectError(await as(t, null).del(`/user-groups/${other.id}`), 401, 'not_logged_in');
    });
  });
});
