/**
 * The UI's shared state: the client of the simulated server, the repository as last read, and the
 * session. Refreshes itself when the instance announces a change.
 */
import { SandboxApiError, createSandboxClient } from '$client/index';
import type { RepositoryView, SessionInfo } from '$client/index';
import { onInstanceChanged } from '$instance/changes';

export const client = createSandboxClient();

class SandboxState {
  /** The repository as last read; null while nobody is logged in (reads need a session). */
  repository = $state<RepositoryView | null>(null);
  session = $state<SessionInfo | null>(null);
  loadError = $state<string | null>(null);
  loading = $state(false);
  /** True once a read has said whether anyone is logged in. */
  checked = $state(false);

  /** Nobody is logged in (as far as the last read knows): views say so instead of their contents. */
  get loggedOut(): boolean {
    return this.checked && this.session === null;
  }
  #queued: ReturnType<typeof setTimeout> | null = null;

  #latest = 0;

  /** Reads the repository and the session again. A read that finishes after a newer one is dropped. */
  async refresh(): Promise<void> {
    const ticket = ++this.#latest;
    this.loading = true;
    try {
      // Read together (one round trip's wait); without a session the repository answers 401, and
      // what a logged-out page read before is not kept on show.
      const [repository, session] = await Promise.all([
        client.getRepository().catch((err: unknown) => {
          if (err instanceof SandboxApiError && err.status === 401) return null;
          throw err;
        }),
        client.currentSession(),
      ]);
      if (ticket !== this.#latest) return;
      this.session = session;
      this.repository = session ? repository : null;
      this.loadError = null;
      this.checked = true;
      // Logged in meanwhile (the repository was read before the session existed): read it again.
      if (session && !repository) this.refreshSoon();
    } catch (err) {
      if (ticket === this.#latest) this.loadError = err instanceof Error ? err.message : String(err);
    } finally {
      if (ticket === this.#latest) this.loading = false;
    }
  }

  /** Coalesces bursts of change notifications into one refresh. */
  refreshSoon(): void {
    if (this.#queued) return;
    this.#queued = setTimeout(() => {
      this.#queued = null;
      void this.refresh();
    }, 30);
  }
}

export const sandbox = new SandboxState();

/**
 * Changes the repository view does not show: the logs change on every call and an API key's last
 * use on every authenticated one; the views that show them (and the keystore) refresh themselves.
 */
const NOT_IN_REPOSITORY = new Set(['requestLog', 'audit', 'apiKeys', 'keystore']);

onInstanceChanged((what) => {
  if (!NOT_IN_REPOSITORY.has(what)) sandbox.refreshSoon();
});
