/**
 * The simulated server answered in the page, by its own handlers (a page's calls while its service
 * worker starts, or for good when it cannot; a scratch instance's calls): the same answers as
 * through MSW, calls elsewhere sent out, and the page's clients handed that way of calling.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createSandboxClient, usePageTransport } from '$client/index';
import { InstanceDb } from '$instance/db';
import { createHandlers } from '$server/handlers';
import { answeredBy } from '$server/in-page';
import { createSimulatedClock } from '$domain/expression';
import { ORIGIN, seededDb } from '../support/instance';
import { TRAINEE } from './helpers';

let db: InstanceDb;
let inPage: typeof fetch;
let unanswered: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
beforeEach(async () => {
  db = await seededDb();
  unanswered = vi.fn(async () => new Response('not here', { status: 418 }));
  inPage = answeredBy(createHandlers({ db, clock: createSimulatedClock(), fetch: (input, init) => inPage(input, init), origin: ORIGIN }), ORIGIN, unanswered);
});
afterEach(() => {
  usePageTransport(null);
  vi.restoreAllMocks();
  db.close();
});

const memory = () => {
  let id: string | null = null;
  return { get: () => id, set: (next: string | null) => void (id = next) };
};

it('answers a client as the server does: logs in, reads the session, and logs the calls', async () => {
  const client = createSandboxClient({ origin: ORIGIN, fetch: inPage, sessionStore: memory() });
  await client.login(TRAINEE);
  expect((await client.currentSession())?.user.login).toBe(TRAINEE.login);
  const logged = (await db.requestLog.toArray()).map((entry) => `${entry.method} ${new URL(entry.url, ORIGIN).pathname}`);
  expect(logged).toEqual(expect.arrayContaining(['POST /sandbox/api/session', 'GET /sandbox/api/session']));
  expect(unanswered).not.toHaveBeenCalled();
});

it('gives a refused call the server’s status and sentence', async () => {
  const response = await inPage('/sandbox/api/users', { headers: { accept: 'application/json' } });
  expect(response.status).toBe(401);
  expect((await response.json()).error.code).toBe('not_logged_in');
});

it('hands a call no handler answers to its fallback, with its body unread', async () => {
  const response = await inPage('/assets/company-data.json', { method: 'POST', body: 'kept' });
  expect(response.status).toBe(418);
  const request = unanswered.mock.calls[0]![0];
  expect(new URL(request.url).pathname).toBe('/assets/company-data.json');
  expect(await request.text()).toBe('kept');
});

it('sends a call to another origin out, unanswered by the handlers', async () => {
  const sent = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"elsewhere":true}'));
  const response = await inPage('https://api.example.com/sandbox/api/session');
  expect(await response.json()).toEqual({ elsewhere: true });
  expect((sent.mock.calls[0]![0] as Request).url).toBe('https://api.example.com/sandbox/api/session');
  expect(unanswered).not.toHaveBeenCalled();
});

it('lets the page hand its clients the in-page way of calling, and take it back', async () => {
  const browsers = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('null', { headers: { 'content-type': 'application/json' } }));
  const client = createSandboxClient({ origin: ORIGIN, sessionStore: memory() });
  usePageTransport(inPage);
  await client.login(TRAINEE);
  expect((await client.currentSession())?.user.login).toBe(TRAINEE.login);
  expect(browsers).not.toHaveBeenCalled();

  usePageTransport(null);
  expect(await client.currentSession()).toBeNull();
  expect(browsers).toHaveBeenCalledTimes(1);
});
