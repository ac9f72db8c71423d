/**
 * The route format of workspace tabs. `#/open/<kind>/<id>` opens the tab of that item (ids are
 * URI-encoded); `#/open/<kind>` opens a tab that needs no id (keystore, privileges, audit, network,
 * console, application). The older `#/console` and `#/application` still work. Pure: no DOM.
 */
import type { RepositoryView } from '$client/index';

/** Every kind of tab the workspace can show. */
export const TAB_KINDS = [
  'application',
  'table',
  'screen',
  'actionflow',
  'role',
  'userGroup',
  'user',
  'privileges',
  'keystore',
  'audit',
  'network',
  'console',
] as const;

export type TabKind = (typeof TAB_KINDS)[number];

/** What a tab shows: a kind and, for repository items, the item's id. */
export interface TabRef {
  kind: TabKind;
  id?: string;
}

/** Props every tab component takes. */
export interface TabProps {
  id?: string;
}

// `#/` (what is left when every tab is closed) names no tab; no hash at all is the first visit.
const ALIASES: Record<string, TabRef> = {
  '': { kind: 'application' },
  '/application': { kind: 'application' },
  '/console': { kind: 'console' },
};

export function isTabKind(value: string): value is TabKind {
  return (TAB_KINDS as readonly string[]).includes(value);
}

/** The tab a route path (the hash without `#`) names, or null when it names none. */
export function parseTabPath(path: string): TabRef | null {
  const alias = ALIASES[path];
  if (alias) return { ...alias };
  const match = /^\/open\/([A-Za-z]+)(?:\/(.+))?$/.exec(path);
  if (!match || !isTabKind(match[1]!)) return null;
  const kind = match[1];
  if (match[2] === undefined) return { kind };
  try {
    return { kind, id: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}

/** The route path of a tab, e.g. `/open/role/role-1`. */
export function tabPath(tab: TabRef): string {
  return tab.id === undefined ? `/open/${tab.kind}` : `/open/${tab.kind}/${encodeURIComponent(tab.id)}`;
}

/** The href of a tab, e.g. `#/open/role/role-1`. */
export function tabHref(tab: TabRef): string {
  return `#${tabPath(tab)}`;
}

/** A stable key of a tab: one tab per kind + id. */
export function tabKey(tab: TabRef): string {
  return tab.id === undefined ? tab.kind : `${tab.kind}:${tab.id}`;
}

/** Whether the item a tab shows is in `repository` (tabs without an item always are). */
export function itemExists(ref: TabRef, repository: RepositoryView): boolean {
  const id = ref.id;
  if (id === undefined) return true;
  switch (ref.kind) {
    case 'table':
      return repository.tables.some((t) => t.id === id);
    case 'screen':
      return repository.screens.some((x) => x.id === id);
    case 'actionflow':
      return repository.actionflows.some((a) => a.id === id);
    case 'role':
      return repository.roles.some((r) => r.id === id);
    case 'userGroup':
      return repository.userGroups.some((g) => g.id === id);
    case 'user':
      return repository.users.some((u) => u.id === id);
    default:
      return true;
  }
}
