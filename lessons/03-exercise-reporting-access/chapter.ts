/**
 * A self-checking exercise after chapter 3.02: the same skills, applied to a second caller, with
 * task statements and checks only — no step-by-step text. Scored one point per task done without
 * "Show me".
 */
import type { SandboxClient } from '$client/index';
import type { Chapter, CheckResult, StartCheck } from '$lessons/types';
import { actionflowByName, auditEntries, currentPrivileges, groupByName, userByLogin } from '$domain/checks';
import { FIXTURE } from '$domain/fixtures';
import { USE_API_KEY } from '$domain/privileges';
import { API_KEY_ALIAS, SIGNING_SECRET_MIN_BYTES, utf8Length } from '$domain/rules';
import type { InstanceSnapshot } from '$domain/snapshot';
import {
  API_COMPANY_DATA,
  APPLICATION_ID,
  COMPANY_DATA_URL,
  actionflowIdByName,
  endPointExists,
  loggedInAsDesigner,
  requireUser,
  upsertUser,
  userValues,
} from '../shared/course';
import closeEndpoint from './tasks/01-close-endpoint.md?raw';
import reportingUser from './tasks/02-reporting-user.md?raw';
import reportingGroup from './tasks/03-reporting-group.md?raw';
import reportingKey from './tasks/04-reporting-key.md?raw';
import proveRefused from './tasks/05-prove-refused.md?raw';
import proveAccepted from './tasks/06-prove-accepted.md?raw';

const USER = { login: 'reportagent', firstName: 'Reporting', surname: 'System', password: 'Reporting123!', enabled: true };
const GROUP = 'ReportingSystems';
const ROLE = 'ReportingAPI';

const pass: CheckResult = { ok: true };
const fail = (reason: string, focus?: string): CheckResult => ({ ok: false, reason, focus });

function workingKeys(s: InstanceSnapshot) {
  const user = userByLogin(s, USER.login);
  const signing = s.keystore.find((k) => k.alias === API_KEY_ALIAS);
  if (!user || !signing) return [];
  return s.apiKeys.filter((k) => k.userId === user.id && !k.revokedAt && k.createdAt >= signing.updatedAt);
}

/** When reportagent's first key that works now was issued (ISO time), or null when there is none. */
function firstWorkingKeyAt(s: InstanceSnapshot): string | null {
  return workingKeys(s).map((k) => k.createdAt).sort()[0] ?? null;
}

/**
 * What the exercise needs of an instance to start on it without a reset: where chapter 3.02 ends
 * will do (logged in as trainee again), and so will a fresh instance.
 */
const startChecks: StartCheck[] = [
  endPointExists,
  {
    title: `The keystore can sign API keys`,
    check: (s) => {
      const signing = s.keystore.find((k) => k.alias === API_KEY_ALIAS);
      if (!signing) return fail(`Your keystore has no ${API_KEY_ALIAS} alias, so no API key can be generated for task 4.`);
      return utf8Length(signing.secret) >= SIGNING_SECRET_MIN_BYTES ? pass : fail(`The ${API_KEY_ALIAS} secret is shorter than ${SIGNING_SECRET_MIN_BYTES} bytes, so no API key can be generated for task 4.`);
    },
  },
  loggedInAsDesigner,
];

/** A key for reportagent that works now; issued by the solutions that need one. */
async function freshKey(client: SandboxClient): Promise<string> {
  const user = await requireUser(client, USER.login);
  return (await client.generateApiKey(user.id)).key;
}

const exercise: Chapter = {
  id: 'exercise-reporting-access',
  title: 'Exercise: API access for a reporting system',
  summary: 'Secure API Company Data for a second caller on your own: six tasks, checked and scored, with no step-by-step text.',
  kind: 'exercise',
  prerequisites: ['add-authentication'],
  startFixture: FIXTURE.trainingInstance,
  startChecks,
  steps: [
    {
      id: 'close-endpoint',
      title: 'Close the end point',
      text: closeEndpoint,
      check: (s) => (actionflowByName(s, API_COMPANY_DATA)?.api?.allowAnonymousConnections === false ? pass : fail(`${API_COMPANY_DATA} still answers anonymous calls.`)),
      hints: ['Look at the end point\'s API settings.'],
      solve: async ({ client }) => {
        await client.updateActionflow(await actionflowIdByName(client, API_COMPANY_DATA), { api: { allowAnonymousConnections: false } });
      },
    },
    {
      id: 'reporting-user',
      title: 'A user for the reporting system',
      text: reportingUser,
      check: (s) => {
        const user = userByLogin(s, USER.login);
        if (!user) return fail('There is no user reportagent.');
        if (!user.enabled) return fail('The user reportagent is disabled.');
        if (user.firstName !== USER.firstName) return fail(`The user reportagent has the first name "${user.firstName}"; it should be "${USER.firstName}".`);
        if (user.surname !== USER.surname) return fail(`The user reportagent has the surname "${user.surname}"; it should be "${USER.surname}".`);
        return pass;
      },
      hints: ['Users live in the Full Repository.'],
      solve: async ({ client }) => {
        await upsertUser(client, USER);
        return userValues(USER);
      },
    },
    {
      id: 'reporting-group',
      title: 'Use API Key through a group',
      text: reportingGroup,
      check: (s) => {
        const user = userByLogin(s, USER.login);
        const group = groupByName(s, GROUP);
        if (!user) return fail('There is no user reportagent to put in a group yet (task 2).');
        if (!group) return fail(`There is no user group named ${GROUP} yet.`);
        if (!group.userIds.includes(user.id)) return fail(`${GROUP} does not contain reportagent.`);
        const roles = s.roles.filter((r) => r.userGroupIds.includes(group.id));
        if (roles.length === 0) return fail(`${GROUP} is in no role yet.`);
        if (!currentPrivileges(s, user.id).includes(USE_API_KEY)) return fail(`reportagent does not hold ${USE_API_KEY} yet.`);
        const extra = roles.flatMap((r) => r.privileges).filter((p) => p !== USE_API_KEY);
        if (extra.length > 0) return fail(`${GROUP} also receives ${[...new Set(extra)].join(', ')}; it should receive only ${USE_API_KEY}.`);
        return pass;
      },
      hints: ['User → user group → role → privilege.', `Put ${GROUP} in a role that holds only ${USE_API_KEY}.`],
      solve: async ({ client }) => {
        const user = await requireUser(client, USER.login);
        const group = (await client.listUserGroups()).find((g) => g.name === GROUP) ?? (await client.createUserGroup({ name: GROUP, userIds: [] }));
        await client.updateUserGroup(group.id, { userIds: [...new Set([...group.userIds, user.id])] });
        const role = (await client.listRoles()).find((r) => r.name === ROLE);
        if (role) await client.updateRole(role.id, { privileges: [USE_API_KEY], userGroupIds: [...new Set([...role.userGroupIds, group.id])] });
        else await client.createRole({ applicationId: APPLICATION_ID, name: ROLE, privileges: [USE_API_KEY], userGroupIds: [group.id] });
        return [
          { label: 'User group', value: GROUP },
          { label: 'Role', value: ROLE },
        ];
      },
    },
    {
      id: 'reporting-key',
      title: 'An API key for reportagent',
      text: reportingKey,
      check: (s) => (workingKeys(s).length > 0 ? pass : fail('reportagent has no API key that works with the current signing key.')),
      hints: ['Keys are generated from the user\'s More options menu.'],
      solve: async ({ client }) => [{ label: 'API key of reportagent', value: await freshKey(client), secret: true }],
    },
    {
      id: 'prove-refused',
      title: 'Prove a refusal',
      text: proveRefused,
      check: (s) => {
        // Only refusals since reportagent's key count: a refusal left by chapter 3.02 proves nothing here.
        const since = firstWorkingKeyAt(s);
        if (!since) return fail('Issue reportagent an API key first (task 4): the refusal must come after it.');
        return auditEntries(s, { actionflow: API_COMPANY_DATA }).some((e) => (e.status === 401 || e.status === 403) && e.at >= since)
          ? pass
          : fail(`The audit trail shows no call to ${API_COMPANY_DATA} refused since reportagent's key was issued.`);
      },
      hints: ['The API console sends exactly the headers you give it.'],
      solve: async ({ client }) => {
        await client.callEndpoint({ method: 'GET', url: COMPANY_DATA_URL, headers: {} });
      },
    },
    {
      id: 'prove-accepted',
      title: 'Prove the reporting system gets in',
      text: proveAccepted,
      check: (s) =>
        auditEntries(s, { actionflow: API_COMPANY_DATA, runAs: USER.login, status: 200 }).length > 0
          ? pass
          : fail(`The audit trail shows no successful call to ${API_COMPANY_DATA} run as reportagent yet.`),
      hints: ['Send the key in the Authorization header, raw or after "Bearer ".'],
      solve: async ({ client }) => {
        const key = await freshKey(client);
        await client.callEndpoint({ method: 'GET', url: COMPANY_DATA_URL, headers: { Authorization: `Bearer ${key}` } });
      },
    },
  ],
};

export default exercise;
