/**
 * Where a check's `focus` points: the workspace tab to open, and the `data-focus` values a view may
 * carry on the element to highlight (most specific first). Focus names look like
 * `actionflow:<id>:allowAnonymousConnections`, `user:<id>:more`, `keystore:<alias>`,
 * `screen:call-api`, `tree:users` or `session`. Pure: no DOM.
 */
import type { RepositoryView } from '$client/index';
import type { TabRef } from '../workspace/tab-route';

const ITEM_KINDS = { actionflow: 'actionflow', user: 'user', role: 'role', userGroup: 'userGroup', table: 'table' } as const;

/** The tab that shows what `focus` names, or null when no tab does (the tree, the session menu). */
export function focusTab(focus: string, repository: RepositoryView | null): TabRef | null {
  const [kind, id] = focus.split(':');
  if (kind === 'keystore') return { kind: 'keystore' };
  if (kind === 'screen' && id) {
    const screens = repository?.screens ?? [];
    const screen = screens.find((s) => s.id === id) ?? screens.find((s) => s.id === `screen-${id}`);
    return { kind: 'screen', id: screen?.id ?? id };
  }
  if (kind && id && kind in ITEM_KINDS) return { kind: ITEM_KINDS[kind as keyof typeof ITEM_KINDS], id };
  return null;
}

/**
 * The `data-focus` values to look for, most specific first: `a:b:c`, then `a:b` (a bare kind such
 * as `actionflow` alone would match too much, so only a one-part focus is looked up as itself).
 */
export function focusCandidates(focus: string): string[] {
  const parts = focus.split(':');
  const shortest = Math.min(2, parts.length);
  const candidates: string[] = [];
  for (let n = parts.length; n >= shortest; n--) candidates.push(parts.slice(0, n).join(':'));
  return candidates;
}
