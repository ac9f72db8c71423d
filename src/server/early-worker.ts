/**
 * The page registers the simulated server's service worker from its first line (index.html), so
 * that the worker downloads, installs and activates while the page's code downloads. MSW's start
 * must then wait until the worker controls the page: finding a registration on a page it does not
 * control, MSW reloads the page (its remedy for a hard reload).
 */

/** Longest wait for an installing worker to take control; after it MSW's start decides. */
const INSTALL_WAIT_MS = 10_000;
/** A worker already activated that does not control the page yet: how long its claim may take. */
const CLAIM_WAIT_MS = 100;

/** Resolves once the page is controlled by a service worker, or once waiting cannot help. */
export async function untilControlled(container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker): Promise<void> {
  if (!container || container.controller) return;
  const registration = await container.getRegistration();
  const worker = registration?.installing ?? registration?.waiting ?? registration?.active;
  // Nothing registered early (or it failed): MSW registers the worker itself.
  if (!worker || worker.state === 'redundant') return;
  const wait = worker.state === 'activated' ? CLAIM_WAIT_MS : INSTALL_WAIT_MS;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      container.removeEventListener('controllerchange', done);
      resolve();
    };
    const timer = setTimeout(done, wait);
    container.addEventListener('controllerchange', done);
    if (container.controller) done();
  });
}
