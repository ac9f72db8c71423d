/**
 * Starts the simulated server in the browser: the MSW service worker forwards the page's requests
 * to {@link createHandlers}, which answer from the instance in IndexedDB.
 */
import { setupWorker } from 'msw/browser';
import { createSimulatedClock } from '$domain/expression';
import type { InstanceDb } from '$instance/db';
import type { ServerContext } from './context';
import { createHandlers } from './handlers';

/** The browser's server context for `db`. */
export function browserContext(db: InstanceDb): ServerContext {
  return {
    db,
    // Real time that an instructor (or a test) can fast-forward, so a sleep(20) need not be waited for.
    clock: createSimulatedClock(),
    fetch: (input, init) => fetch(input, init),
    origin: location.origin,
  };
}

/** Registers the service worker and resolves once it controls the page. */
export async function startServer(db: InstanceDb): Promise<void> {
  const worker = setupWorker(...createHandlers(browserContext(db)));
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
