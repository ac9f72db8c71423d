/**
 * A list read from the server that reads itself again when the change feed says one of the given
 * tables changed (e.g. 'audit'), in this tab or another, coalescing bursts into one read. Slow
 * reads show progress.
 */
import { SandboxApiError } from '$client/index';
import { touches, type FeedTable } from '$lessons/index';
import { Pending, errorText } from '../screens/pending.svelte';
import { lessons } from './sandbox.svelte';

/** Tables after which every list reads itself again: sessions (a login or log out). A new instance, or this tab's session changing, always counts. */
const ALWAYS: readonly FeedTable[] = ['sessions'];

export class LiveList<T> {
  items = $state<T[] | null>(null);
  error = $state<string | null>(null);
  /** True when the server refused the read for want of a session (see LoggedOut.svelte). */
  loggedOut = $state(false);
  readonly pending = new Pending();
  #seq = 0;
  #queued: ReturnType<typeof setTimeout> | null = null;
  readonly #read: () => Promise<T[]>;
  readonly #kinds: readonly FeedTable[];

  /**
   * @param read reads the list (called again on each refresh; may close over filters).
   * @param kinds the tables whose changes make the list stale.
   */
  constructor(read: () => Promise<T[]>, kinds: readonly FeedTable[]) {
    this.#read = read;
    this.#kinds = kinds;
  }

  /** Reads the list now; a later read's answer wins over an earlier one. */
  async refresh(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const items = await this.pending.track(this.#read());
      if (seq !== this.#seq) return;
      this.items = items;
      this.error = null;
      this.loggedOut = false;
    } catch (err) {
      if (seq !== this.#seq) return;
      // What a logged-out page read before must not stay on show.
      this.loggedOut = err instanceof SandboxApiError && err.status === 401;
      if (this.loggedOut) this.items = null;
      this.error = this.loggedOut ? null : errorText(err);
    }
  }

  /** Starts listening for changes; returns the function that stops (use it as an effect's cleanup). */
  listen(): () => void {
    const stop = lessons.onChange((change) => {
      if (this.#queued || ![...this.#kinds, ...ALWAYS].some((table) => touches(change, table))) return;
      this.#queued = setTimeout(() => {
        this.#queued = null;
        void this.refresh();
      }, 150);
    });
    return () => {
      stop();
      if (this.#queued) clearTimeout(this.#queued);
      this.#queued = null;
    };
  }
}
