/**
 * Chapter 3.02 "Add Authentication to API Calling Actionflow": the training instance starts where
 * 3.01 ends (API Company Data answers anyone; Call API calls it without a key) and the learner
 * secures the end point step by step.
 */
import type { Chapter, CheckResult } from '$lessons/types';
import {
  actionflowByName,
  auditEntries,
  currentUser,
  decodeJwtPayload,
  groupByName,
  httpActionOf,
  roleByName,
  userByLogin,
  utf8Length,
} from '$domain/checks';
import { expressionReferences } from '$domain/expression';
import { actionFocus, freeId } from '$domain/actionflow';
import { RUN_ACTIONS, USE_API_KEY } from '$domain/privileges';
import type { InstanceSnapshot } from '$domain/snapshot';
import {
  API_COMPANY_DATA,
  API_COMPANY_DATA_ID,
  API_KEY_ALIAS,
  APPLICATION_ID,
  CALL_API_FLOW,
  CALL_API_FLOW_ID,
  STARTING_SIGNING_KEY,
  TRAINEE,
  ensureLoggedInAs,
  newSigningSecret,
  requireUser,
  runCallApiScreen,
  upsertUser,
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
import logInAsApiAgent from './steps/11-log-in-as-apiagent.md?raw';
import callSucceeds from './steps/12-call-succeeds.md?raw';

const API_USER = { login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true };
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
  if (!role || !group) return fail(`Both the role ${ROLE} and the user group ${GROUP} must exist first.`);
  if (!role.userGroupIds.includes(group.id)) return fail(`The role ${ROLE} does not contain the user group ${GROUP} yet.`, `role:${role.id}:userGroups`);
  return pass;
}

function checkSigningKey(s: InstanceSnapshot): CheckResult {
  const entry = s.keystore.find((k) => k.alias === API_KEY_ALIAS);
  if (!entry) return fail(`The keystore has no alias ${API_KEY_ALIAS}; add it with a secret of at least 32 bytes.`, 'keystore');
  if (utf8Length(entry.secret) < 32) return fail(`The secret of ${API_KEY_ALIAS} is shorter than 32 bytes.`, `keystore:${API_KEY_ALIAS}`);
  if (entry.secret === STARTING_SIGNING_KEY) {
    return fail(`${API_KEY_ALIAS} still holds the training instance's secret; replace it with one of your own.`, `keystore:${API_KEY_ALIAS}`);
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
  const http = httpActionOf(actionflowByName(s, CALL_API_FLOW));
  if (!http) return fail('The Call API actionflow has no HTTP action.');
  const secretsFocus = actionFocus(CALL_API_FLOW_ID, http.id, 'props.secretKeys');
  const headersFocus = actionFocus(CALL_API_FLOW_ID, http.id, 'props.headers');
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

function checkLoggedInAsApiAgent(s: InstanceSnapshot): CheckResult {
  const user = currentUser(s);
  if (user?.login !== API_USER.login) {
    return fail(user ? `You are logged in as ${user.login}; log out and log in as apiagent.` : 'You are not logged in; log in as apiagent.', 'session');
  }
  return pass;
}

function checkCallSucceeded(s: InstanceSnapshot): CheckResult {
  const calls = auditEntries(s, { actionflow: API_COMPANY_DATA, runAs: API_USER.login });
  if (calls.some((e) => e.status === 200)) return pass;
  const last = calls.at(-1);
  if (last) return fail(`The last call to ${API_COMPANY_DATA} as apiagent was refused (${last.status}): ${last.reason ?? 'no reason given'}`, 'screen:call-api');
  return fail(`There is no successful call to ${API_COMPANY_DATA} run as apiagent yet: run the Call API screen as apiagent.`, 'screen:call-api');
}

const chapter: Chapter = {
  id: 'add-authentication',
  title: '3.02 Add Authentication to API Calling Actionflow',
  summary: 'Turn off anonymous access to API Company Data, give a dedicated API user the Use API Key privilege, and send their API key from the Call API actionflow.',
  kind: 'chapter',
  prerequisites: [],
  startFixture: 'training-instance',
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
        await client.updateActionflow(API_COMPANY_DATA_ID, { api: { allowAnonymousConnections: false } });
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
      hints: ['Users are in the Full Repository.', 'Add a user under Full Repository → Users.', 'Login apiagent, First Name API, Surname Agent, Password Phixflow123!, Enabled on.'],
      solve: async ({ client }) => {
        await upsertUser(client, API_USER);
      },
    },
    {
      id: 'create-role',
      title: 'Create a role with Use API Key',
      text: createRole,
      check: checkRole,
      hints: [
        'Roles belong to the application.',
        `Add a role named ${ROLE} under Actionflow Advanced → Roles.`,
        `Search the privileges for "${USE_API_KEY}" and "${RUN_ACTIONS}", add both to the role's Privileges section, then Apply.`,
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
      hints: ['User groups are in the Full Repository.', `Add a user group named ${GROUP}.`, `Add apiagent to the ${GROUP} group's Users section, then Apply.`],
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
      hints: ['The role decides which groups receive its privileges.', `Open the ${ROLE} role and look at its User Groups section.`, `Add ${GROUP} to the User Groups section of ${ROLE}, then Apply.`],
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
      hints: ['The signing key is a keystore alias.', `Open the Keystore and edit ${API_KEY_ALIAS}.`, 'Enter a new secret of at least 32 characters and save it.'],
      solve: async ({ client }) => {
        await client.setKeystoreSecret(API_KEY_ALIAS, newSigningSecret());
      },
    },
    {
      id: 'generate-api-key',
      title: 'Generate the API key',
      text: generateApiKey,
      check: checkApiKey,
      hints: ['Keys are generated from the user who will run the calls.', 'Open apiagent and look for the More options menu (three dots).', 'Choose Generate API Key and copy the key shown.'],
      solve: async ({ client }) => {
        const user = await requireUser(client, API_USER.login);
        await client.generateApiKey(user.id);
      },
    },
    {
      id: 'send-key',
      title: 'Send the key from Call API',
      text: sendKey,
      check: checkSendKey,
      hints: [
        'The key goes into the HTTP action of the Call API actionflow.',
        'Add a secret key named APIKey holding the key, and a header named Authorization.',
        'Set the Authorization header\'s expression to _datasource.APIKey, then Save.',
      ],
      solve: async ({ client }) => {
        // The key is shown only once, so "Show me" issues a fresh one for the secret.
        const user = await requireUser(client, API_USER.login);
        const { key } = await client.generateApiKey(user.id);
        const { actionflow } = await client.getActionflow(CALL_API_FLOW_ID);
        const http = httpActionOf(actionflow);
        if (!http) throw new Error('The Call API actionflow has no HTTP action.');
        const kept = http.props.secretKeys.filter((k) => k.name !== 'APIKey');
        await client.updateHttpNode(CALL_API_FLOW_ID, http.id, {
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
