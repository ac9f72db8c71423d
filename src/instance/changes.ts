/**
 * "The instance changed" notifications: the simulated server announces each change, and the UI and
 * the lesson engine listen (checks re-run, views refresh). Works in the browser and in node.
 */
export type InstanceChangeListener = (what: string) => void;

const listeners = new Set<InstanceChangeListener>();

/** Announces a change (`what` names the table or area, e.g. `roles`, `instance`). */
export function emitInstanceChanged(what: string): void {
  for (const listener of [...listeners]) listener(what);
}

/** Listens for changes; returns the function that stops listening. */
export function onInstanceChanged(listener: InstanceChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
