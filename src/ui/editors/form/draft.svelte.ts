/**
 * An editable copy of an item. It follows the saved item while the user has not changed it, and
 * keeps the user's changes when the repository refreshes under it.
 */
import { untrack } from 'svelte';

export class Draft<T> {
  value = $state() as T;
  #baseline = '';
  #key: string | null = null;

  /** Takes `saved` as the draft unless the user changed the draft of this same item. */
  sync(key: string, saved: T): void {
    untrack(() => {
      const incoming = JSON.stringify(saved);
      if (this.#key === key && this.dirty) return;
      if (this.#key === key && incoming === this.#baseline) return;
      this.reset(key, saved);
    });
  }

  /** Replaces the draft with `saved` (after an Apply, or to discard changes). */
  reset(key: string, saved: T): void {
    this.#key = key;
    this.#baseline = JSON.stringify(saved);
    this.value = structuredClone(saved);
  }

  /** True when the draft differs from what was last saved. */
  get dirty(): boolean {
    return JSON.stringify(this.value) !== this.#baseline;
  }
}
