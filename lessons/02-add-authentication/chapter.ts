/**
 * Chapter 3.02 "Add Authentication to API Calling Actionflow": the training instance starts where
 * 3.01 ends (API Company Data answers anyone; Call API calls it without a key) and the learner
 * secures the end point step by step.
 */
import type { Chapter, CheckResult, StartCheck } from '$lessons/types';
import {
  actionflowByName,
  auditEntries,
  currentPrivileges,
  currentUser,
  decodeJwtPayload,
  groupByName,
  httpActionOf,
  roleByName,
  userByLogin,
} from '$domain/checks';
import { expressionReferences } from '$domain/expression';
import { FIXTURE } from '$domain/fixtures';
import { actionFocus, freeId } from '$domain/actionflow';
import { RUN_ACTIONS, USE_API_KEY } from '$domain/privileges';
import { API_KEY_ALIAS, OUTDATED_SESSION_CODE, SIGNING_SECRET_MIN_BYTES, utf8Length } from '$domain/rules';
import type { InstanceSnapshot } from '$domain/snapshot';
import {
  API_COMPANY_DATA,
  APPLICATION_ID,
  CALL_API_BUTTON,
  CALL_API_FLOW,
  CALL_API_SCREEN_ID,
  TRAINEE,
  actionflowIdByName,
  endPointExists,
  ensureLoggedInAs,
  loggedInAsDesigner,
  newSigningSecret,
  requireUser,
  runCallApiScreen,
  upsertUser,
  userValues,
} from '../shared/course';
import turnOffAnonymous from './steps/01-turn-off-anonymous.md?raw';
import seeCallFail from './steps/02-see-call-fail.md?raw';
import createApiUser from './steps/03-create-api-user.md?raw';
import createRole from './steps/04-create-role.md?raw';
import createUserGroup from './steps/05-create-user-group.md?raw';
import addGroupToRole from './steps/06-add-group-to-role.md?raw';
import signingKey from './steps/07-signing-key.md?raw';
import generateApiKey from './steps/08-generate-api-key.md?raw';
import sendKey from './steps/09-send-key.md?raw';
import testAsYourself from './steps/10-test-as-yourself.md?raw';
import joinApiUsers from './steps/11-join-api-users.md?raw';
import logInAgain from './steps/12-log-in-again.md?raw';
import leaveApiUsers from './steps/13-leave-api-users.md?raw';
import logInAsApiAgent from './steps/14-log-in-as-apiagent.md?raw';
import callSucceeds from './steps/15-call-succeeds.md?raw';

/** The chapter's API user (the import chapter's start, derived from this chapter, knows its password). */
export const API_USER = { login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true };
const ROLE = 'GenerateAPIToken';
const GROUP = 'APIUsers';

const pass: CheckResult = { ok: true };
const fail = (reason: string, focus?: string): CheckResult => ({ ok: false, reason, focus });

/** apiagent's API keys that are not revoked and were signed with the current signing key. */
function usableKeys(s: InstanceSnapshot) {
  const user = userByLogin(s, API_USER.login);
  const signing = s.keystore.find((k) => k.alias === API_KEY_ALIAS);
  if (!user || !signing) return [];
  return s.apiKeys.filter((k) => k.userId === user.id && !k.revokedAt && k.createdAt >= signing.updatedAt);
}

function checkUser(s: InstanceSnapshot): CheckResult {
  const user = userByLogin(s, API_USER.login);
  if (!user) return fail('There is no user with the login apiagent yet.', 'tree:users');
  if (user.firstName !== API_USER.firstName) return fail(`The user apiagent has the first name "${user.firstName}"; it should be "API".`, `user:${user.id}:firstName`);
  if (user.surname !== API_USER.surname) return fail(`The user apiagent has the surname "${user.surname}"; it should be "Agent".`, `user:${user.id}:surname`);
  if (!user.enabled) return fail('The user apiagent is disabled; switch Enabled on.', `user:${user.id}:enabled`);
  return pass;
}

function checkRole(s: InstanceSnapshot): CheckResult {
  const role = roleByName(s, ROLE);
  if (!role) return fail(`There is no role named ${ROLE} in Actionflow Advanced yet.`, 'tree:roles');
  if (role.applicationId !== APPLICATION_ID) return fail(`The role ${ROLE} must belong to the Actionflow Advanced application.`, `role:${role.id}`);
  for (const privilege of [USE_API_KEY, RUN_ACTIONS]) {
    if (!role.privileges.includes(privilege)) return fail(`The role ${ROLE} has no privilege ${privilege} yet.`, `role:${role.id}:privileges`);
  }
  return pass;
}

function checkGroup(s: InstanceSnapshot): CheckResult {
  const group = groupByName(s, GROUP);
  if (!group) return fail(`There is no user group named ${GROUP} yet.`, 'tree:userGroups');
  const user = userByLogin(s, API_USER.login);
  if (!user || !group.userIds.includes(user.id)) return fail(`The user group ${GROUP} does not contain the user apiagent yet.`, `userGroup:${group.id}:users`);
  return pass;
}

function checkGroupInRole(s: InstanceSnapshot): CheckResult {
  const role = roleByName(s, ROLE);
  const group = groupByName(s, GROUP);
  if (!role) return fail(`There is no role named ${ROLE} to give the group to: create it first (step 4).`, 'tree:roles');
  if (!group) return fail(`There is no user group named ${GROUP} to give the role: create it first (step 5).`, 'tree:userGroups');
  if (!role.userGroupIds.includes(group.id)) return fail(`The role ${ROLE} does not contain the user group ${GROUP} yet.`, `role:${role.id}:userGroups`);
  return pass;
}

function checkSigningKey(s: InstanceSnapshot): CheckResult {
  const entry = s.keystore.find((k) => k.alias === API_KEY_ALIAS);
  if (!entry) return fail(`The keystore has no alias ${API_KEY_ALIAS}; add it with a secret of at least ${SIGNING_SECRET_MIN_BYTES} bytes.`, 'keystore');
  if (utf8Length(entry.secret) < SIGNING_SECRET_MIN_BYTES) return fail(`The secret of ${API_KEY_ALIAS} is shorter than ${SIGNING_SECRET_MIN_BYTES} bytes.`, `keystore:${API_KEY_ALIAS}`);
  if (entry.generated) {
    return fail(`${API_KEY_ALIAS} still holds the secret the instance made for itself; replace it with one of your own.`, `keystore:${API_KEY_ALIAS}`);
  }
  return pass;
}

function checkApiKey(s: InstanceSnapshot): CheckResult {
  const user = userByLogin(s, API_USER.login);
  if (!user) return fail('There is no user apiagent to generate a key for.');
  const keys = s.apiKeys.filter((k) => k.userId === user.id && !k.revokedAt);
  if (keys.length === 0) return fail('apiagent has no API key yet: use Generate API Key in the user\'s More options menu.', `user:${user.id}:more`);
  if (usableKeys(s).length === 0) {
    return fail(`apiagent's keys were signed before ${API_KEY_ALIAS} was last changed, so they no longer work; generate a new one.`, `user:${user.id}:more`);
  }
  return pass;
}

function checkSendKey(s: InstanceSnapshot): CheckResult {
  const flow = actionflowByName(s, CALL_API_FLOW);
  const http = httpActionOf(flow);
  if (!flow || !http) return fail('The Call API actionflow has no HTTP action.');
  const secretsFocus = actionFocus(flow.id, http.id, 'props.secretKeys');
  const headersFocus = actionFocus(flow.id, http.id, 'props.headers');
  const secret = http.props.secretKeys.find((k) => k.name === 'APIKey');
  if (!secret) return fail('The HTTP action Call API has no secret key named APIKey yet.', secretsFocus);
  if (!secret.enabled) return fail('The secret key APIKey is disabled; switch Enabled on.', secretsFocus);
  const claims = decodeJwtPayload(secret.secret);
  if (!claims) return fail('The secret key APIKey does not hold an API key: paste the whole key you generated.', secretsFocus);
  const key = usableKeys(s).find((k) => k.jti === claims.jti);
  if (!key) {
    return fail("The secret key APIKey holds a key that is not one of apiagent's current keys (revoked, or signed before the signing key changed).", secretsFocus);
  }
  const header = http.props.headers.find((h) => h.name.toLowerCase() === 'authorization');
  if (!header) return fail('The HTTP action Call API sends no Authorization header yet.', headersFocus);
  let uses = false;
  try {
    uses = expressionReferences(header.expression).some((r) => r.root === '_datasource' && r.name === 'APIKey');
  } catch {
    return fail(`The Authorization header's expression "${header.expression}" is not a valid expression.`, headersFocus);
  }
  if (!uses) return fail('The Authorization header does not use the secret: set its expression to _datasource.APIKey.', headersFocus);
  return pass;
}

function checkTestedAsYourself(s: InstanceSnapshot): CheckResult {
  const refused = auditEntries(s, { actionflow: CALL_API_FLOW, runAs: TRAINEE.login }).some(
    (e) => e.code === 'missing_privilege' && (e.reason ?? '').includes(USE_API_KEY),
  );
  if (!refused) return fail('Run the Call API screen as trainee once the secret key is in place, and see it refused for lack of Use API Key.', 'screen:call-api');
  return pass;
}

/** The trainee's user and the group APIUsers, with whether the trainee is in it. */
function traineeInGroup(s: InstanceSnapshot) {
  const trainee = userByLogin(s, TRAINEE.login);
  const group = groupByName(s, GROUP);
  return { trainee, group, member: !!trainee && !!group && group.userIds.includes(trainee.id) };
}

/** True when this page's session lacks Use API Key although its user holds it now. */
function sessionOutdated(s: InstanceSnapshot): boolean {
  const session = s.sessions.find((x) => x.id === s.currentSessionId);
  return !!session && !session.privileges.includes(USE_API_KEY) && currentPrivileges(s, session.userId).includes(USE_API_KEY);
}

function checkSawOutdatedSession(s: InstanceSnapshot): CheckResult {
  if (auditEntries(s, { actionflow: CALL_API_FLOW, runAs: TRAINEE.login, code: OUTDATED_SESSION_CODE }).length > 0) return pass;
  const { group, member } = traineeInGroup(s);
  if (!group) return fail(`There is no user group named ${GROUP} to join.`, 'tree:userGroups');
  if (!member) return fail(`trainee is not in the user group ${GROUP} yet: add Training User to its Users, then select Apply.`, `userGroup:${group.id}:users`);
  if (!sessionOutdated(s)) {
    return fail(
      `Your session started after you joined ${GROUP}, so it holds ${USE_API_KEY} already: to see the rule, take yourself out of ${GROUP}, log out and in, join again, and run the screen without logging out.`,
      'session',
    );
  }
  return fail(`Run the Call API screen again, without logging out, and see it refused: your session predates joining ${GROUP}.`, 'screen:call-api');
}

/** Calls to API Company Data that apiagent's key got through (made by anyone's run of the screen) after `since`. */
function keyedCallsAfter(s: InstanceSnapshot, since: string): number {
  return auditEntries(s, { actionflow: API_COMPANY_DATA, runAs: API_USER.login, status: 200 }).filter((e) => e.at > since).length;
}

/** The time of the last matching audit entry, or the start of time. */
const lastAt = (entries: { at: string }[]) => entries.map((e) => e.at).sort().at(-1) ?? '';

function checkRanAfterNewLogin(s: InstanceSnapshot): CheckResult {
  // The screen's own run is audited as done even when its call fails; the end point's entry says whether the key got through.
  const refusedAt = lastAt(auditEntries(s, { actionflow: CALL_API_FLOW, runAs: TRAINEE.login, code: OUTDATED_SESSION_CODE }));
  if (refusedAt && keyedCallsAfter(s, refusedAt) > 0) return pass;
  const user = currentUser(s);
  if (user?.login !== TRAINEE.login) return fail(user ? `You are logged in as ${user.login}; log in as trainee.` : 'You are not logged in; log in as trainee.', 'session');
  if (sessionOutdated(s)) return fail(`Your session still predates joining ${GROUP}: log out, log in again as trainee, then run the Call API screen.`, 'session');
  if (!traineeInGroup(s).member) return fail(`trainee is no longer in the user group ${GROUP}, so the secret stays locked: add them again first.`, 'tree:userGroups');
  return fail('Run the Call API screen as trainee now, with your new session.', 'screen:call-api');
}

function checkLeftGroup(s: InstanceSnapshot): CheckResult {
  const { group, member } = traineeInGroup(s);
  if (member && group) return fail(`trainee is still in the user group ${GROUP}: remove Training User from its Users, then select Apply.`, `userGroup:${group.id}:users`);
  return pass;
}

function checkLoggedInAsApiAgent(s: InstanceSnapshot): CheckResult {
  const user = currentUser(s);
  if (user?.login !== API_USER.login) {
    return fail(user ? `You are logged in as ${user.login}; log out and log in as apiagent.` : 'You are not logged in; log in as apiagent.', 'session');
  }
  return pass;
}

function checkCallSucceeded(s: InstanceSnapshot): CheckResult {
  // Only calls after trainee's last run count: trainee's run in step 12 sent apiagent's key too.
  const runs = auditEntries(s, { actionflow: CALL_API_FLOW, runAs: API_USER.login });
  if (runs.length > 0 && keyedCallsAfter(s, lastAt(auditEntries(s, { actionflow: CALL_API_FLOW, runAs: TRAINEE.login }))) > 0) return pass;
  const calls = auditEntries(s, { actionflow: API_COMPANY_DATA, runAs: API_USER.login });
  const last = calls.at(-1);
  if (runs.length > 0 && last && last.status !== 200) {
    return fail(`The last call to ${API_COMPANY_DATA} as apiagent was refused (${last.status}): ${last.reason ?? 'no reason given'}`, 'screen:call-api');
  }
  return fail('The Call API screen has not run as apiagent yet: run it while logged in as apiagent.', 'screen:call-api');
}

/** What the chapter needs of an instance to start on it without a reset (where 3.01 ends). */
const startChecks: StartCheck[] = [
  endPointExists,
  {
    title: 'The Call API actionflow has an HTTP action',
    check: (s) =>
      httpActionOf(actionflowByName(s, CALL_API_FLOW))
        ? pass
        : fail(`Your instance has no ${CALL_API_FLOW} actionflow with an HTTP action, which this chapter makes send the key.`),
  },
  {
    title: 'The Call API screen runs the Call API actionflow',
    check: (s) => {
      const button = s.screens.find((x) => x.id === CALL_API_SCREEN_ID)?.buttons.find((b) => b.name === CALL_API_BUTTON);
      const flow = actionflowByName(s, CALL_API_FLOW);
      return flow && button?.actionflowId === flow.id
        ? pass
        : fail(`The ${CALL_API_FLOW} button of the ${CALL_API_FLOW} screen does not run the ${CALL_API_FLOW} actionflow, which this chapter tests with.`);
    },
  },
  {
    title: `The user ${TRAINEE.login} can log in`,
    check: (s) => {
      const user = userByLogin(s, TRAINEE.login);
      if (!user) return fail(`Your instance has no user ${TRAINEE.login}, whom this chapter logs in as.`);
      return user.enabled ? pass : fail(`The user ${TRAINEE.login} is disabled, and this chapter logs in as them.`);
    },
  },
  loggedInAsDesigner,
];

const chapter: Chapter = {
  id: 'add-authentication',
  title: '3.02 Add Authentication to API Calling Actionflow',
  summary: 'Turn off anonymous access to API Company Data, give a dedicated API user the Use API Key privilege, and send their API key from the Call API actionflow.',
  kind: 'chapter',
  prerequisites: ['api-end-point'],
  startFixture: FIXTURE.trainingInstance,
  startChecks,
  steps: [
    {
      id: 'turn-off-anonymous',
      title: 'Turn off anonymous access',
      text: turnOffAnonymous,
      check: (s) => {
        const flow = actionflowByName(s, API_COMPANY_DATA);
        if (!flow?.api) return fail(`The end point ${API_COMPANY_DATA} is missing from the repository.`);
        if (flow.api.allowAnonymousConnections) {
          return fail(`${API_COMPANY_DATA} still allows anonymous connections.`, `actionflow:${flow.id}:allowAnonymousConnections`);
        }
        return pass;
      },
      hints: [
        'The setting lives in the end point actionflow\'s own properties.',
        `Open ${API_COMPANY_DATA} from API Endpoints and look in the API section.`,
        'Switch Allow Anonymous Connections off, then select Save.',
      ],
      solve: async ({ client }) => {
        await client.updateActionflow(await actionflowIdByName(client, API_COMPANY_DATA), { api: { allowAnonymousConnections: false } });
      },
    },
    {
      id: 'see-call-fail',
      title: 'See an anonymous call refused',
      text: seeCallFail,
      check: (s) =>
        auditEntries(s, { actionflow: API_COMPANY_DATA, code: 'missing_api_key' }).length > 0
          ? pass
          : fail(`No call to ${API_COMPANY_DATA} has been refused for a missing key yet: run the Call API screen.`, 'screen:call-api'),
      hints: ['Use the screen that calls the end point.', 'Open Screens → Call API and select its Call API button.'],
      solve: async ({ client }) => {
        await runCallApiScreen(client);
      },
    },
    {
      id: 'create-api-user',
      title: 'Create the API user',
      text: createApiUser,
      check: checkUser,
      hints: [
        'Users are in the Full Repository.',
        'Select the + (New user) button beside Full Repository → Users.',
        'Login apiagent, First Name API, Surname Agent, Password Phixflow123!, Enabled on; then select Create user.',
      ],
      solve: async ({ client }) => {
        await upsertUser(client, API_USER);
        return userValues(API_USER);
      },
    },
    {
      id: 'create-role',
      title: 'Create a role with Use API Key',
      text: createRole,
      check: checkRole,
      hints: [
        'Roles belong to the application.',
        `Select the + (New role) button beside Actionflow Advanced → Roles, and name the role ${ROLE}.`,
        `Search the privileges for "${USE_API_KEY}" and "${RUN_ACTIONS}", add both to the role's Privileges section, then select Create role.`,
      ],
      solve: async ({ client }) => {
        const role = (await client.listRoles()).find((r) => r.name.toLowerCase() === ROLE.toLowerCase());
        if (role) await client.updateRole(role.id, { privileges: [...new Set([...role.privileges, USE_API_KEY, RUN_ACTIONS])] });
        else await client.createRole({ applicationId: APPLICATION_ID, name: ROLE, privileges: [USE_API_KEY, RUN_ACTIONS] });
      },
    },
    {
      id: 'create-user-group',
      title: 'Put the API user in a group',
      text: createUserGroup,
      check: checkGroup,
      hints: [
        'User groups are in the Full Repository.',
        `Select the + (New user group) button beside Full Repository → User Groups, and name the group ${GROUP}.`,
        `Add API Agent (apiagent) to the group's Users section, then select Create user group.`,
      ],
      solve: async ({ client }) => {
        const user = await requireUser(client, API_USER.login);
        const group = (await client.listUserGroups()).find((g) => g.name.toLowerCase() === GROUP.toLowerCase());
        if (group) await client.updateUserGroup(group.id, { userIds: [...new Set([...group.userIds, user.id])] });
        else await client.createUserGroup({ name: GROUP, userIds: [user.id] });
      },
    },
    {
      id: 'add-group-to-role',
      title: 'Give the group the role',
      text: addGroupToRole,
      check: checkGroupInRole,
      hints: [
        'The role decides which groups receive its privileges.',
        `Open the ${ROLE} role (its pinned tab) and look at its User Groups section.`,
        `Add ${GROUP} to the User Groups section of ${ROLE}, then select Apply.`,
      ],
      solve: async ({ client }) => {
        const role = (await client.listRoles()).find((r) => r.name.toLowerCase() === ROLE.toLowerCase());
        const group = (await client.listUserGroups()).find((g) => g.name.toLowerCase() === GROUP.toLowerCase());
        if (!role || !group) throw new Error(`The role ${ROLE} and the user group ${GROUP} must exist first.`);
        await client.updateRole(role.id, { userGroupIds: [...new Set([...role.userGroupIds, group.id])] });
      },
    },
    {
      id: 'set-signing-key',
      title: 'Set your own signing key',
      text: signingKey,
      check: checkSigningKey,
      hints: [
        'The signing key is a keystore alias.',
        `Open the Keystore (Instance settings) and select Edit in the row of ${API_KEY_ALIAS}.`,
        `Type a new secret of at least ${SIGNING_SECRET_MIN_BYTES} characters in Secret, then select Save secret.`,
      ],
      solve: async ({ client }) => {
        await client.setKeystoreSecret(API_KEY_ALIAS, newSigningSecret());
      },
    },
    {
      id: 'generate-api-key',
      title: 'Generate the API key',
      text: generateApiKey,
      check: checkApiKey,
      hints: [
        'Keys are generated from the user who will run the calls.',
        'Open API Agent (apiagent) under Users and look for the More options menu (three dots).',
        'Choose Generate API Key, select Copy, then Done.',
      ],
      solve: async ({ client }) => {
        const user = await requireUser(client, API_USER.login);
        const { key } = await client.generateApiKey(user.id);
        return [{ label: 'API key of apiagent', value: key, secret: true }];
      },
    },
    {
      id: 'send-key',
      title: 'Send the key from Call API',
      text: sendKey,
      check: checkSendKey,
      hints: [
        'The key goes into the HTTP action of the Call API actionflow.',
        'Select Add secret key (Name APIKey, the key as its Secret) and Add header (Header name Authorization).',
        'Set the Authorization header\'s Header expression to _datasource.APIKey, then select Save.',
      ],
      solve: async ({ client }) => {
        // The key is shown only once, so "Show me" issues a fresh one for the secret.
        const user = await requireUser(client, API_USER.login);
        const { key } = await client.generateApiKey(user.id);
        const flowId = await actionflowIdByName(client, CALL_API_FLOW);
        const { actionflow } = await client.getActionflow(flowId);
        const http = httpActionOf(actionflow);
        if (!http) throw new Error('The Call API actionflow has no HTTP action.');
        const kept = http.props.secretKeys.filter((k) => k.name !== 'APIKey');
        await client.updateHttpNode(flowId, http.id, {
          name: http.name,
          method: http.props.method,
          urlTemplate: http.props.urlTemplate,
          headers: [...http.props.headers.filter((h) => h.name.toLowerCase() !== 'authorization'), { name: 'Authorization', expression: '_datasource.APIKey' }],
          secretKeys: [...kept, { id: freeId('secret', kept.map((k) => k.id)), name: 'APIKey', enabled: true, secret: key }],
        });
      },
    },
    {
      id: 'test-as-yourself',
      title: 'Test as yourself',
      text: testAsYourself,
      check: checkTestedAsYourself,
      hints: ['Run the Call API screen while logged in as trainee.', 'Open Screens → Call API and select Call API; read StatusMessage.'],
      solve: async ({ client }) => {
        await ensureLoggedInAs(client, TRAINEE.login, TRAINEE.password);
        await runCallApiScreen(client);
      },
    },
    {
      id: 'join-api-users',
      title: 'Join APIUsers, and see your session keep its privileges',
      text: joinApiUsers,
      check: checkSawOutdatedSession,
      hints: [
        `A session keeps the privileges its user had at login; joining a group does not change a session already open.`,
        `Open ${GROUP} under Full Repository → User Groups and add Training User (trainee) to its Users, then select Apply.`,
        'Without logging out, open Screens → Call API and select Call API: the message says your session predates the change.',
      ],
      solve: async ({ client }) => {
        const trainee = await requireUser(client, TRAINEE.login);
        const group = (await client.listUserGroups()).find((g) => g.name.toLowerCase() === GROUP.toLowerCase());
        if (!group) throw new Error(`There is no user group ${GROUP} yet; do step 5 first.`);
        await client.updateUserGroup(group.id, { userIds: [...new Set([...group.userIds, trainee.id])] });
        await runCallApiScreen(client);
      },
    },
    {
      id: 'log-in-again',
      title: 'Log in again to pick the change up',
      text: logInAgain,
      check: checkRanAfterNewLogin,
      hints: ['A new session takes the privileges its user holds now.', 'Log out, log in as trainee (Training123!), then run the Call API screen.'],
      solve: async ({ client }) => {
        await client.logout();
        await client.login({ login: TRAINEE.login, password: TRAINEE.password });
        await runCallApiScreen(client);
      },
    },
    {
      id: 'leave-api-users',
      title: 'Take yourself out of APIUsers',
      text: leaveApiUsers,
      check: checkLeftGroup,
      hints: [`Only the API user should be in ${GROUP}.`, `Open ${GROUP}, select the × (Remove) button beside Training User in its Users, then select Apply.`],
      solve: async ({ client }) => {
        const trainee = await requireUser(client, TRAINEE.login);
        const group = (await client.listUserGroups()).find((g) => g.name.toLowerCase() === GROUP.toLowerCase());
        if (group) await client.updateUserGroup(group.id, { userIds: group.userIds.filter((id) => id !== trainee.id) });
      },
    },
    {
      id: 'log-in-as-apiagent',
      title: 'Log in as the API user',
      text: logInAsApiAgent,
      check: checkLoggedInAsApiAgent,
      hints: ['Use the session menu in the header.', 'Log out, then log in as apiagent with the password Phixflow123!.'],
      solve: async ({ client }) => {
        await client.logout();
        await client.login({ login: API_USER.login, password: API_USER.password });
      },
    },
    {
      id: 'call-succeeds',
      title: 'See the call succeed',
      text: callSucceeds,
      check: checkCallSucceeded,
      hints: ['Run the Call API screen again, now as apiagent.', 'Open Screens → Call API, select Call API, then look in the Audit trail.'],
      solve: async ({ client }) => {
        await ensureLoggedInAs(client, API_USER.login, API_USER.password);
        await runCallApiScreen(client);
      },
    },
  ],
};

export default chapter;
