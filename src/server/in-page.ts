/**
 * A server answered in this page, with no service worker: a reset to a step builds its target on a
 * scratch instance, whose calls (its client's, and its HTTP actions' calls to this origin) its own
 * server answers here, not the real instance's service worker.
 *
 * MSW's `getResponse` is imported by name, from this module loaded on demand: importing 'msw'
 * itself on demand keeps every export of MSW's index in the build (GraphQL with its parser, the
 * WebSocket and SSE handlers: ~200 kB the sandbox never runs), in the chunk a first visit loads.
 */
import { getResponse } from 'msw';
import { createSimulatedClock } from '$domain/expression';
import type { InstanceDb } from '$instance/db';
import { createHandlers } from './handlers';

/** A fetch answered by a server of its own over `db`, on a simulated clock; calls to other origins go out. */
export function inPageServer(db: InstanceDb, origin: string): typeof fetch {
  const answer = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(typeof input === 'string' ? new URL(input, origin) : input, init);
    const answered = await getResponse(handlers, request);
    if (answered) return answered;
    if (new URL(request.url).origin === origin) return new Response(null, { status: 404 });
    return fetch(request);
  };
  const handlers = createHandlers({ db, clock: createSimulatedClock(), fetch: answer, origin });
  return answer;
}
