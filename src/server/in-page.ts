/**
 * The simulated server answered in this page, by its handlers, with no service worker in between:
 * - a reset to a step builds its target on a scratch instance, whose calls (its client's, and its
 *   HTTP actions' calls to this origin) its own server answers here, not the real instance's worker;
 * - the real instance's calls are answered here too while its service worker starts
 *   (`./browser.ts`), so the page need not wait for the worker to show the sandbox.
 *
 * MSW's `getResponse` is imported by name, from this module: importing 'msw' itself on demand keeps
 * every export of MSW's index in the build (GraphQL with its parser, the WebSocket and SSE handlers:
 * ~200 kB the sandbox never runs), in the chunk a first visit loads.
 */
import { getResponse, type RequestHandler } from 'msw';
import { createSimulatedClock } from '$domain/expression';
import type { InstanceDb } from '$instance/db';
import { createHandlers } from './handlers';

/**
 * A fetch that `handlers` answer for calls to `origin`; what they do not answer goes to
 * `unanswered` (the request as built, its body unread).
 */
export function answeredBy(handlers: readonly RequestHandler[], origin: string, unanswered: (request: Request) => Promise<Response>): typeof fetch {
  return async (input, init) => {
    const request = new Request(typeof input === 'string' ? new URL(input, origin) : input, init);
    if (new URL(request.url).origin !== origin) return fetch(request);
    return (await getResponse(handlers as RequestHandler[], request)) ?? unanswered(request);
  };
}

/** A fetch answered by a server of its own over `db`, on a simulated clock; calls to other origins go out. */
export function inPageServer(db: InstanceDb, origin: string): typeof fetch {
  const notFound = async () => new Response(null, { status: 404 });
  // Its HTTP actions' calls to this origin are answered by the same server.
  const answer: typeof fetch = answeredBy(createHandlers({ db, clock: createSimulatedClock(), fetch: (input, init) => answer(input, init), origin }), origin, notFound);
  return answer;
}
