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

describe('roles', () => {
  it('lists, creates, changes and deletes a role', async () => {
    const trainee = as(t, session);
    expect((await trainee.get('/roles')).body.map((r: { name: string }) => r.name)).toEqual(['Designers']);
    const created = await trainee.post('/roles', { applicationId: APP_ID, name: 'GenerateAPIToken', privileges: ['Use API Key'], userGroupIds: ['group-trainers'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ applicationId: APP_ID, name: 'GenerateAPIToken', description: '', privileges: ['Use API Key'], userGroupIds: ['group-trainers'] });
    const changed = await trainee.put(`/roles/${created.body.id}`, { privileges: ['Use API Key', 'Run Actions'] });
    expect(changed.body.privileges).toEqual(['Use API Key', 'Run Actions']);
    expect(changed.body.userGroupIds).toEqual(['group-trainers']);
    expect((await trainee.del(`/roles/${created.body.id}`)).status).toBe(204);
    expect(await t.db.roles.get(created.body.id)).toBeUndefined();
    expect(t.changes).toContain('roles');
  });

  const base = { applicationId: APP_ID, name: 'GenerateAPIToken' };
  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['no name', { applicationId: APP_ID }, 'name', /name of the new role is required/],
    ['a name taken in the application, in another case', { ...base, name: 'designers' }, 'name', /already has a role named Designers/],
    ['an unknown privilege', { ...base, privileges: ['Use API Key', 'Fly'] }, 'privileges', /privilege "Fly"/],
    ['a privilege in the wrong case', { ...base, privileges: ['use api key'] }, 'privileges', /no privilege of that name/],
    ['an unknown user group', { ...base, userGroupIds: ['ghost'] }, 'userGroupIds', /no such user group/],
    ['no application', { name: 'X' }, 'applicationId', /application of the new role is required/],
    ['an unknown application', { ...base, applicationId: 'app-nope' }, 'applicationId', /application that does not exist/],
    ['privileges that are not texts', { ...base, privileges: [1] }, 'privileges', /list of texts/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} (400 on ${field}), changing nothing`, async () => {
      await expectUnchanged(t.db, async () => {
        expect(expectError(await as(t, session).post('/roles', body), 400, 'validation_failed', field)).toMatch(message);
      });
    });
  }

  it('refuses changing the application of a role, unknown roles and callers without rights', async () => {
    const role = (await as(t, session).post('/roles', base)).body;
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).put(`/roles/${role.id}`, { applicationId: 'other' }), 400, 'validation_failed', 'applicationId');
      expectError(await as(t, session).put(`/roles/${role.id}`, { name: 'Designers' }), 400, 'validation_failed', 'name');
      expectError(await as(t, session).put('/roles/nope', { name: 'X' }), 404, 'not_found');
      expectError(await as(t, session).del('/roles/nope'), 404, 'not_found');
      expectError(await as(t, 'stale-session').put(`/roles/${role.id}`, { name: 'X' }), 401, 'not_logged_in');
    });
  });
});
