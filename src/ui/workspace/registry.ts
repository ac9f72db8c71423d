/**
 * The workspace's tab registry: which component shows each kind of tab. Every component takes
 * `{ id?: string }` (see {@link TabProps}).
 *
 * Routes: `#/open/<kind>/<id>` opens a tab (see ./tab-route.ts); deep links survive reload and
 * follow back/forward.
 */
import type { Component } from 'svelte';
import ActionflowTab from '../designer/ActionflowTab.svelte';
import ApplicationView from '../views/ApplicationView.svelte';
import { lazyViews } from './lazy-views';
import type { TabKind, TabProps } from './tab-route';

export * from './tab-route';

export type TabComponent = Component<TabProps>;
type TabModule = Promise<{ default: TabComponent }>;

/**
 * How each tab kind's component is had. The application's tab is the one a first visit shows, so
 * it comes with the page, as does the actionflow's (a small shell that loads the designer itself
 * when it first opens); every other view is a chunk of its own, loaded the first time its tab
 * opens or when {@link preloadTabComponents} runs (start-up calls it once the sandbox is usable),
 * so a first visit does not download and run every editor before it can show anything.
 */
const WITH_THE_PAGE = { application: ApplicationView as TabComponent, actionflow: ActionflowTab };
const LOADED_ON_DEMAND: Record<Exclude<TabKind, keyof typeof WITH_THE_PAGE>, () => TabModule> = {
  table: () => import('../editors/TableView.svelte') as TabModule,
  screen: () => import('../screens/ScreenView.svelte') as TabModule,
  role: () => import('../editors/RoleEditor.svelte') as TabModule,
  userGroup: () => import('../editors/UserGroupEditor.svelte') as TabModule,
  user: () => import('../editors/UserEditor.svelte') as TabModule,
  privileges: () => import('../editors/PrivilegesView.svelte') as TabModule,
  keystore: () => import('../editors/KeystoreEditor.svelte') as TabModule,
  audit: () => import('../trails/AuditTrail.svelte') as TabModule,
  network: () => import('../trails/NetworkLog.svelte') as TabModule,
  console: () => import('../views/ApiConsole.svelte') as TabModule,
};

const views = lazyViews<TabKind, TabComponent>(WITH_THE_PAGE, LOADED_ON_DEMAND);

/** The component of a tab kind: itself once loaded, else a promise of it (see {@link lazyViews}). */
export const tabComponent = (kind: TabKind): TabComponent | Promise<TabComponent> => views.get(kind);

/** Loads every tab kind's component in the background. */
export const preloadTabComponents = (): void => views.preload();

/** What a kind is called in tab titles when its item has no name of its own. */
export const TAB_KIND_LABELS: Record<TabKind, string> = {
  application: 'Application',
  table: 'Table',
  screen: 'Screen',
  actionflow: 'Actionflow',
  role: 'Role',
  userGroup: 'User group',
  user: 'User',
  privileges: 'Privileges',
  keystore: 'Keystore',
  audit: 'Audit trail',
  network: 'Network log',
  console: 'API console',
};
