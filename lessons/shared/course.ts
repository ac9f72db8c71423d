/**
 * Names and helpers the course's chapters share: the training instance's fixed names, and the small
 * client steps that solutions ("Show me") are made of.
 */
import type { SandboxClient } from '$client/index';
import { actionflowByName, currentUser } from '$domain/checks';
import type { PublicUser } from '$domain/entities';
import { endpointPath } from '$domain/actionflow';
import type { ShownValue, StartCheck } from '$lessons/types';
import { TABLE_IDS } from '../../fixtures/repository-source';

export const APPLICATION_ID = 'app-actionflow-advanced';
export const APPLICATION_NAME = 'Actionflow Advanced';
export const API_COMPANY_DATA = 'API Company Data';
export const CALL_API_FLOW = 'Call API';
export const CALL_API_SCREEN_ID = 'screen-call-api';
export const CALL_API_BUTTON = 'CallAPI';
export const TRAINEE = { login: 'trainee', password: 'Training123!' } as const;
/** A company of the Company Data, and a CompanyID no company has (chapter 3.01 tries both). */
export const KNOWN_COMPANY_ID = 'C0001';
export const UNKNOWN_COMPANY_ID = 'C9999';
/** The URL Alias chapter 3.01 gives API Company Data. */
export const COMPANY_DATA_ALIAS = 'companydata';
/** The Company Data tables the end points read. */
export const COMPANIES_TABLE_ID = TABLE_IDS.companies;
export const ORDERS_TABLE_ID = TABLE_IDS.orders;
/** The path of API Company Data's URL (no query). */
export const COMPANY_DATA_PATH = endpointPath(APPLICATION_NAME, API_COMPANY_DATA);
export const COMPANY_DATA_URL = `${COMPANY_DATA_PATH}?CompanyID=${KNOWN_COMPANY_ID}`;
/** The screen fields Call API fills, on success and on error. */
export const CALL_API_FIELDS = ['Status', 'StatusMessage', 'Industry', 'CompanyName', 'CompanyID', 'Results'] as const;
/** The attributes API Company Data's answer carries (its body), besides the list of orders. */
export const COMPANY_BODY_ATTRIBUTES = ['CompanyID', 'CompanyName', 'Industry'] as const;
export const ORDERS_LIST = 'Orders';
/** The exercise after 3.01: an end point answering a company's orders between two dates. */
export const API_COMPANY_ORDERS = 'API Company Orders';
export const COMPANY_ORDERS_PATH = endpointPath(APPLICATION_NAME, API_COMPANY_ORDERS);
/** Its query parameters besides CompanyID, and a range that holds some of C0001's orders. */
export const DATE_RANGE = { from: 'FromDate', to: 'ToDate', example: { from: '2019-01-01', to: '2021-12-31' } } as const;

/** Start check: API Company Data is there as an API end point (chapter 3.01 builds it). */
export const endPointExists: StartCheck = {
  title: `${API_COMPANY_DATA} is an API end point`,
  check: (s) =>
    actionflowByName(s, API_COMPANY_DATA)?.api
      ? { ok: true }
      : { ok: false, reason: `Your instance has no API end point named ${API_COMPANY_DATA}, which this chapter secures.` },
};

/** Start check: the learner is logged in as a user with design rights (the steps change the repository). */
export const loggedInAsDesigner: StartCheck = {
  title: 'You are logged in as a user with design rights',
  check: (s) => {
    const user = currentUser(s);
    if (!user) return { ok: false, reason: `You are not logged in: log in as ${TRAINEE.login} first.` };
    if (!user.designer) return { ok: false, reason: `You are logged in as ${user.login}, who has no design rights: log out and log in as ${TRAINEE.login} first.` };
    return { ok: true };
  },
};

/** What "Show me" says it used for a user it created or updated (the password included). */
export function userValues(user: { login: string; firstName: string; surname: string; password: string }): ShownValue[] {
  return [
    { label: 'Login', value: user.login },
    { label: 'First Name', value: user.firstName },
    { label: 'Surname', value: user.surname },
    { label: 'Password', value: user.password },
  ];
}

/** Logs the client in as `login` unless it already is. */
export async function ensureLoggedInAs(client: SandboxClient, login: string, password: string): Promise<void> {
  const session = await client.currentSession();
  if (session?.user.login.toLowerCase() === login.toLowerCase()) return;
  await client.login({ login, password });
}

/** The user with this login, or an error naming it (a solution needs an earlier step done). */
export async function requireUser(client: SandboxClient, login: string): Promise<PublicUser> {
  const user = (await client.listUsers()).find((u) => u.login.toLowerCase() === login.toLowerCase());
  if (!user) throw new Error(`There is no user ${login} yet; do the step that creates it first.`);
  return user;
}

/** Creates the user, or updates it to these values when it exists. */
export async function upsertUser(
  client: SandboxClient,
  user: { login: string; firstName: string; surname: string; password: string; enabled: boolean },
): Promise<PublicUser> {
  const existing = (await client.listUsers()).find((u) => u.login.toLowerCase() === user.login.toLowerCase());
  return existing ? client.updateUser(existing.id, user) : client.createUser(user);
}

/** A new signing secret of 48 characters, different each time. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(36));
  return btoa(String.fromCharCode(...bytes));
}

/** Runs the Call API screen's button for C0001 as the client's current user. */
export function runCallApiScreen(client: SandboxClient) {
  return client.runButton(CALL_API_SCREEN_ID, CALL_API_BUTTON, { CompanyID: KNOWN_COMPANY_ID });
}

/**
 * The id of the actionflow named `name` (the learner's own, whatever id it got when they created
 * it), or an error naming it.
 */
export async function actionflowIdByName(client: SandboxClient, name: string): Promise<string> {
  const flow = (await client.getRepository()).actionflows.find((a) => a.name === name);
  if (!flow) throw new Error(`There is no actionflow named ${name} yet; do the step that creates it first.`);
  return flow.id;
}
