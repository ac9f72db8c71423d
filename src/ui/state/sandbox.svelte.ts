/**
 * The UI's shared state: the client of the simulated server, the repository as last read, and the
 * session. Refreshes itself when the instance announces a change.
 */
import { createSandboxClient } from '$client/index';
import type { RepositoryView, SessionInfo } from '$client/index';
import { onInstanceChanged } from '$instance/changes';

export const client = createSandboxClient();

class SandboxState {
  repository = $state<RepositoryView | null>(null);
  session = $state<SessionInfo | null>(null);
  loadError = $state<string | null>(null);
  loading = $state(false);
  /** How many changes of each kind (`runs`, `actionflows`…) this page has heard of: views that read more than the repository follow it. */
  changes = $state<Record<string, number>>({});
  #queued: ReturnType<typeof setTimeout> | null = null;

  #latest = 0;

  /** Reads the repository and the session again. A read that finishes after a newer one is dropped. */
  async refresh(): Promise<void> {
    const ticket = ++this.#latest;
    this.loading = true;
    try {
      const [repository, session] = await Promise.all([client.getRepository(), client.currentSession()]);
      if (ticket !== this.#latest) return;
      this.repository = repository;
      this.session = session;
      this.loadError = null;
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
  sandbox.changes[what] = (sandbox.changes[what] ?? 0) + 1;
  if (!NOT_IN_REPOSITORY.has(what)) sandbox.refreshSoon();
});
