import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxClient, SandboxApiError } from '$client/index';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';
import { as, expectError, expectUnchanged, login } from './helpers';

const IMPORTS = 'table-additional-companies';
const PATH = `/tables/${IMPORTS}/attributes/Status`;

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

const statusOf = async () => (await t.db.appTables.get(IMPORTS))!.attributes.find((a) => a.name === 'Status')!;

describe('PUT /sandbox/api/tables/:id/attributes/:name (the analysis model)', () => {
  it('sets an attribute\'s expression, trimmed, tells the page, and removes it again when sent empty', async () => {
    const answer = await as(t, session).put(PATH, { expression: '  _context.Status ' });
    expect(answer.status).toBe(200);
    expect(answer.body.attributes.find((a: { name: string }) => a.name === 'Status')).toEqual({ name: 'Status', type: 'String', expression: '_context.Status' });
    expect(await statusOf()).toEqual({ name: 'Status', type: 'String', expression: '_context.Status' });
    expect(t.changes).toContain('appTables');
    expect((await as(t, session).put(PATH, { expression: '' })).status).toBe(200);
    expect(await statusOf()).toEqual({ name: 'Status', type: 'String' });
  });

  it('is reached through the client', async () => {
    let id: string | null = null;
    const client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => id, set: (x) => (id = x) } });
    await client.login({ login: 'trainee', password: 'Training123!' });
    const table = await client.setAttributeExpression(IMPORTS, 'Status', 'if(in.Industry == "Retail", "Review", _context.Status)');
    expect(table.attributes.find((a) => a.name === 'Status')!.expression).toBe('if(in.Industry == "Retail", "Review", _context.Status)');
    const refused = await client.setAttributeExpression(IMPORTS, 'Status', '_context.').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SandboxApiError);
    expect((refused as SandboxApiError).field).toBe('expression');
  });

  it('refuses, changing nothing, what the Analysis action would refuse: a syntax error (with its position), an unknown in.X, another root, the key', async () => {
    const cases: [string, string, RegExp][] = [
      [PATH, '_context.Status +', /^The expression of the attribute Status of the table AdditionalCompanies_Processed: The expression "_context\.Status \+" has an error at position \d+: /],
      [PATH, 'in.Colour', /uses in\.Colour, but the table AdditionalCompanies_Processed has no attribute Colour\.$/],
      [PATH, '_datasource.APIKey', /uses _datasource\.APIKey, but only in \(the record\), _context \(the Analysis action's input parameters\) and _form are available in an analysis model\.$/],
      [`/tables/${IMPORTS}/attributes/CompanyID`, '"C1"', /^The attribute CompanyID is the key of the table AdditionalCompanies_Processed: /],
    ];
    for (const [path, expression, message] of cases) {
      await expectUnchanged(t.db, async () => {
        expect(expectError(await as(t, session).put(path, { expression }), 400, 'validation_failed', 'expression')).toMatch(message);
      });
    }
    expect(t.changes).not.toContain('appTables');
  });

  it('refuses, changing nothing, a body that is not one text expression, and names the field', async () => {
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).put(PATH, {}), 400, 'validation_failed', 'expression');
      expectError(await as(t, session).put(PATH, { expression: 3 }), 400, 'validation_failed', 'expression');
      expectError(await as(t, session).put(PATH, { expression: 'x', type: 'Integer' }), 400, 'validation_failed', 'type');
      expectError(await as(t, session).put(PATH, ['x']), 400, 'validation_failed');
    });
  });

  it('refuses, changing nothing, an unknown table or attribute, no session and no design rights', async () => {
    await as(t, session).post('/users', { login: 'learner', firstName: 'Lea', surname: 'Rner', password: 'Learner123!', enabled: true });
    const learner = await login(t, 'learner', 'Learner123!');
    await expectUnchanged(t.db, async () => {
      expect(expectError(await as(t, session).put('/tables/nope/attributes/Status', { expression: '"x"' }), 404, 'not_found')).toBe('There is no table with the id nope.');
      expect(expectError(await as(t, session).put(`/tables/${IMPORTS}/attributes/Colour`, { expression: '"x"' }), 404, 'not_found')).toBe(
        'The table AdditionalCompanies_Processed has no attribute named Colour.',
      );
      expectError(await as(t, null).put(PATH, { expression: '"x"' }), 401, 'not_logged_in');
      expectError(await as(t, learner).put(PATH, { expression: '"x"' }), 403, 'forbidden');
    });
  });
});
