/**
 * Helpers for the repository API tests: log in, call routes with a session, build the chapter's
 * API user, and take a picture of the repository to prove a refused change changed nothing.
 */
import { expect } from 'vitest';
import type { InstanceDb } from '$instance/db';
import { SANDBOX_API, SESSION_HEADER } from '$server/context';
import type { TestServer } from '../support/instance';

export const TRAINEE = { login: 'trainee', password: 'Training123!' } as const;
export const APP_ID = 'app-actionflow-advanced';
export const API_ENDPOINT_ID = 'af-api-company-data';
export const ENDPOINT_URL = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';

export interface Answer<T = any> {
  status: number;
  body: T;
}

/** Calls `method path` under /sandbox/api with an optional session and JSON body. */
export async function callApi<T = any>(t: TestServer, method: string, path: string, options: { session?: string | null; body?: unknown; rawBody?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.session) headers[SESSION_HEADER] = options.session;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await t.call(`${SANDBOX_API}${path}`, { method, headers, body });
  const text = await response.text();
  if (text !== '') expect(response.headers.get('content-type')).toMatch(/json/);
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Logs in and returns the session id. */
export async function login(t: TestServer, loginName: string = TRAINEE.login, password: string = TRAINEE.password): Promise<string> {
  const answer = await callApi(t, 'POST', '/session', { body: { login: loginName, password } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.sessionId as string;
}

/** A caller bound to one session. */
export function as(t: TestServer, session: string | null) {
  return {
    get: <T = any>(path: string) => callApi<T>(t, 'GET', path, { session }),
    post: <T = any>(path: string, body?: unknown) => callApi<T>(t, 'POST', path, { session, body }),
    put: <T = any>(path: string, body?: unknown) => callApi<T>(t, 'PUT', path, { session, body }),
    patch: <T = any>(path: string, body?: unknown) => callApi<T>(t, 'PATCH', path, { session, body }),
    del: <T = any>(path: string) => callApi<T>(t, 'DELETE', path, { session }),
  };
}

/** Asserts a refused answer: status, code, and a message that is one or more full sentences. */
export function expectError(answer: Answer, status: number, code: string, field?: string | null): string {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(answer.body.error.message).toMatch(/^[A-Z].*[.]$/s);
  if (field !== undefined) expect(answer.body.error.field ?? null).toBe(field);
  return answer.body.error.message as string;
}

/** The repository and key tables as one JSON text, to compare before and after a refused change. */
export async function repositoryPicture(db: InstanceDb): Promise<string> {
  const names = ['applications', 'appTables', 'screens', 'actionflows', 'roles', 'userGroups', 'users', 'keystore', 'apiKeys', 'sessions'];
  const parts: Record<string, unknown[]> = {};
  for (const name of names) parts[name] = await db.table(name).toArray();
  return JSON.stringify(parts);
}

/** Runs `act` and asserts that it left the repository exactly as it was. */
export async function expectUnchanged(db: InstanceDb, act: () => Promise<unknown>): Promise<void> {
  const before = await repositoryPicture(db);
  await act();
  expect(await repositoryPicture(db)).toBe(before);
}

export interface ApiAgent {
  userId: string;
  groupId: string;
  roleId: string;
}

/**
 * The chapter's setup: user apiagent (API Agent) in group APIUsers, in role GenerateAPIToken holding
 * Use API Key, made through the HTTP API as the trainee.
 */
export async function createApiAgent(t: TestServer, session: string): Promise<ApiAgent> {
  const trainee = as(t, session);
  const user = await trainee.post('/users', { login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const group = await trainee.post('/user-groups', { name: 'APIUsers', userIds: [user.body.id] });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  const role = await trainee.post('/roles', { applicationId: APP_ID, name: 'GenerateAPIToken', privileges: ['Use API Key'], userGroupIds: [group.body.id] });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  return { userId: user.body.id, groupId: group.body.id, roleId: role.body.id };
}

/** Generates an API key for `userId` through the HTTP API. */
export async function generateKey(t: TestServer, session: string, userId: string, expiresInSeconds?: number): Promise<string> {
  const answer = await as(t, session).post(`/users/${userId}/api-keys`, expiresInSeconds === undefined ? {} : { expiresInSeconds });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.key as string;
}
