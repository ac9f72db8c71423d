/**
 * The workspace's tab registry: which component shows each kind of tab. Every component takes
 * `{ id?: string }` (see {@link TabProps}). To add a view, replace its kind's line below.
 *
 * Routes: `#/open/<kind>/<id>` opens a tab (see ./tab-route.ts); deep links survive reload and
 * follow back/forward.
 */
import type { Component } from 'svelte';
import ApiConsole from '../views/ApiConsole.svelte';
import ApplicationView from '../views/ApplicationView.svelte';
import ActionflowTab from '../designer/ActionflowTab.svelte';
import KeystoreEditor from '../editors/KeystoreEditor.svelte';
import PrivilegesView from '../editors/PrivilegesView.svelte';
import RoleEditor from '../editors/RoleEditor.svelte';
import TableView from '../editors/TableView.svelte';
import UserEditor from '../editors/UserEditor.svelte';
import UserGroupEditor from '../editors/UserGroupEditor.svelte';
import ScreenView from '../screens/ScreenView.svelte';
import AuditTrail from '../trails/AuditTrail.svelte';
import NetworkLog from '../trails/NetworkLog.svelte';
import Unavailable from './Unavailable.svelte';
import type { TabKind, TabProps } from './tab-route';

export * from './tab-route';

export type TabComponent = Component<TabProps>;

/** The component of each tab kind. */
export const TAB_COMPONENTS: Record<TabKind, TabComponent> = {
  application: ApplicationView as TabComponent,
  table: TableView,
  screen: ScreenView,
  actionflow: ActionflowTab,
  role: RoleEditor,
  userGroup: UserGroupEditor,
  user: UserEditor,
  privileges: PrivilegesView,
  keystore: KeystoreEditor,
  audit: AuditTrail,
  network: NetworkLog,
  console: ApiConsole as TabComponent,
};

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
