/**
 * Views had in two ways: some come with the page, the others are chunks of their own loaded the
 * first time they are asked for (or all at once by `preload`). Pure: no DOM.
 */
import { errorText } from '../screens/pending.svelte';

export interface LazyViews<K extends string, C> {
  /** The view of `kind`: itself when at hand (so showing it again is immediate), else a promise of
   * it. A failed load is tried again at the next call. */
  get(kind: K): C | Promise<C>;
  /** Loads every view not loaded yet, in the background (a failure is left to the view's own `get`). */
  preload(): void;
}

export function lazyViews<K extends string, C>(withThePage: Partial<Record<K, C>>, onDemand: Partial<Record<K, () => Promise<{ default: C }>>>): LazyViews<K, C> {
  const loaded = new Map<K, C>();
  const loading = new Map<K, Promise<C>>();
  const get = (kind: K): C | Promise<C> => {
    const at = withThePage[kind] ?? loaded.get(kind);
    if (at !== undefined) return at;
    const load = onDemand[kind];
    if (!load) return Promise.reject(new Error(`No view is registered for ${kind}.`));
    let pending = loading.get(kind);
    if (!pending) {
      pending = load().then(
        (module) => {
          loaded.set(kind, module.default);
          loading.delete(kind);
          return module.default;
        },
        (error: unknown) => {
          loading.delete(kind);
          throw error;
        },
      );
      loading.set(kind, pending);
    }
    return pending;
  };
  return {
    get,
    preload() {
      for (const kind of Object.keys(onDemand) as K[]) {
        const view = get(kind);
        if (view instanceof Promise) view.catch(() => {});
      }
    },
  };
}

/** Why a view loaded on demand is missing, as a clause: "its code did not load (…)". */
export function codeNotLoaded(err: unknown): string {
  return `its code did not load (${errorText(err)})`;
}
