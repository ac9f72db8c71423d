import { describe, expect, it } from 'vitest';
import { actionflowPatch, checkActionflowDraft, type ActionflowDraft } from '../../../src/ui/editors/actionflow-form';
import { checkHttpActionDraft, httpNodeUpdate, type HttpActionDraft } from '../../../src/ui/editors/http-action-form';
import { secretHint } from '../../../src/ui/editors/keystore-form';
import { utf8Length } from '../../../src/domain/rules';
import { cleanMembers, keepKnown, searchOptions } from '../../../src/ui/editors/member-options';
import { checkRoleDraft } from '../../../src/ui/editors/role-form';
import { checkUserDraft, userUpdate } from '../../../src/ui/editors/user-form';

describe('member search', () => {
  const options = [
    { id: 'Use API Key', name: 'Use API Key', detail: 'Call end points' },
    { id: 'Run Actions', name: 'Run Actions', detail: 'Run actionflows' },
  ];
  it('matches name or detail, case-insensitively, leaving out members', () => {
    expect(searchOptions(options, [], 'api').map((o) => o.id)).toEqual(['Use API Key']);
    expect(searchOptions(options, [], 'ACTIONFLOWS').map((o) => o.id)).toEqual(['Run Actions']);
    expect(searchOptions(options, ['Use API Key'], '').map((o) => o.id)).toEqual(['Run Actions']);
  });
  it('cleans dropped members of duplicates and unknown ids', () => {
    expect(cleanMembers(['Run Actions', 'Run Actions', 'nope', 'Use API Key'], options)).toEqual(['Run Actions', 'Use API Key']);
  });
});

describe('actionflow form', () => {
  const draft: ActionflowDraft = {
    name: 'API Company Data',
    exclusionGroup: ' Import ',
    api: { allowAnonymousConnections: false, urlAlias: 'companydata', apiMode: 'synchronous', timeoutMs: '60000', logRequest: true, logResponse: false },
  };
  it('sends numbers and trimmed text', () => {
    expect(actionflowPatch(draft)).toEqual({
      name: 'API Company Data',
      exclusionGroup: 'Import',
      api: { allowAnonymousConnections: false, urlAlias: 'companydata', apiMode: 'synchronous', timeoutMs: 60000, logRequest: true, logResponse: false },
    });
  });
  it('refuses a missing name, a slash, a bad alias and a bad timeout', () => {
    expect(Object.keys(checkActionflowDraft({ ...draft, name: ' ' }))).toEqual(['name']);
    expect(Object.keys(checkActionflowDraft({ ...draft, name: 'a/b' }))).toEqual(['name']);
    expect(Object.keys(checkActionflowDraft({ ...draft, api: { ...draft.api!, urlAlias: 'a b', timeoutMs: '0' } }))).toEqual(['api.urlAlias', 'api.timeoutMs']);
    expect(checkActionflowDraft(draft)).toEqual({});
  });
});

describe('HTTP action form', () => {
  const draft: HttpActionDraft = {
    name: 'Call API',
    method: 'GET',
    urlTemplate: '/x',
    headers: [{ rowId: 'h', name: ' Authorization ', expression: '_datasource.APIKey' }],
    secretKeys: [{ rowId: 'k', id: 'secret-1', name: 'APIKey', enabled: true, secret: '********', saved: true }],
  };
  it('sends rows without their row ids, a masked secret as is', () => {
    expect(httpNodeUpdate(draft)).toEqual({
      name: 'Call API',
      method: 'GET',
      urlTemplate: '/x',
      headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }],
      secretKeys: [{ id: 'secret-1', name: 'APIKey', enabled: true, secret: '********' }],
    });
  });
  it('names the row of each problem', () => {
    const errors = checkHttpActionDraft({
      ...draft,
      headers: [...draft.headers, { rowId: 'h2', name: '', expression: '' }],
      secretKeys: [{ rowId: 'k', id: 'secret-1', name: '1bad', enabled: true, secret: '', saved: false }],
    });
    expect(Object.keys(errors).sort()).toEqual(['headers[1].expression', 'headers[1].name', 'secretKeys[0].name', 'secretKeys[0].secret']);
  });
});

describe('user, role and keystore forms', () => {
  it('requires the password only for a new user, and keeps it when left empty', () => {
    const draft = { login: 'apiagent', firstName: 'API', surname: 'Agent', password: '', enabled: true };
    expect(Object.keys(checkUserDraft(draft, true, []))).toEqual(['password']);
    expect(checkUserDraft(draft, false, [])).toEqual({});
    expect(userUpdate(draft)).not.toHaveProperty('password');
    expect(Object.keys(checkUserDraft({ ...draft, login: 'APIAGENT', password: 'short' }, false, ['apiagent']))).toEqual(['login', 'password']);
  });
  it('refuses a role name already used in the application, ignoring case', () => {
    expect(checkRoleDraft({ name: 'designers', description: '', privileges: [], userGroupIds: [] }, ['Designers']).name).toMatch(/already has a role named Designers/);
  });
  it('counts secret bytes in UTF-8 and states the 32-byte rule for phixflow-api-key', () => {
    expect(utf8Length('é')).toBe(2);
    expect(secretHint('phixflow-api-key', 'abc')).toMatch(/at least 32 bytes.*3 bytes typed/);
    expect(secretHint('other', 'a')).toBe('1 byte typed.');
    expect(secretHint(' pepperkey ', 'ab')).toMatch(/^Careful: .*can no longer log in .*reset\. 2 bytes typed\.$/);
  });
});

describe('keepKnown', () => {
  it('drops ids no longer present, and answers the same array when none is missing', () => {
    const ids = ['g1', 'g2', 'g3'];
    expect(keepKnown(ids, [{ id: 'g1' }, { id: 'g3' }])).toEqual(['g1', 'g3']);
    expect(keepKnown(ids, [{ id: 'g1' }, { id: 'g2' }, { id: 'g3' }, { id: 'g4' }])).toBe(ids);
    expect(keepKnown([], [])).toEqual([]);
  });
});

