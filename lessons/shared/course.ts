/**
 * Names and helpers the course's chapters share: the training instance's fixed names, and the small
 * client steps that solutions ("Show me") are made of.
 */
import type { SandboxClient } from '$client/index';
import type { PublicUser } from '$domain/entities';

export const APPLICATION_ID = 'app-actionflow-advanced';
export const API_COMPANY_DATA = 'API Company Data';
export const API_COMPANY_DATA_ID = 'af-api-company-data';
export const CALL_API_FLOW = 'Call API';
export const CALL_API_FLOW_ID = 'af-call-api';
export const CALL_API_SCREEN_ID = 'screen-call-api';
export const CALL_API_BUTTON = 'CallAPI';
export const TRAINEE = { login: 'trainee', password: 'Training123!' } as const;
export const COMPANY_DATA_URL = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';

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
  return client.runButton(CALL_API_SCREEN_ID, CALL_API_BUTTON, { CompanyID: 'C0001' });
}
