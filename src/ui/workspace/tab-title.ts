/** The title of a tab: the name of its item, or what the kind is called. Pure. */
import type { RepositoryView } from '$client/index';
import { displayName } from '$domain/entities';
import { TAB_KIND_LABELS } from './registry';
import type { TabRef } from './tab-route';

const NEW_LABELS: Partial<Record<TabRef['kind'], string>> = {
  role: 'New role',
  userGroup: 'New user group',
  user: 'New user',
};

/** The title shown on the tab of `ref`. */
export function tabTitle(ref: TabRef, repository: RepositoryView | null): string {
  if (ref.id === undefined) return NEW_LABELS[ref.kind] ?? TAB_KIND_LABELS[ref.kind];
  const id = ref.id;
  const found = (() => {
    if (!repository) return undefined;
    switch (ref.kind) {
      case 'table':
        return repository.tables.find((t) => t.id === id)?.name;
      case 'screen':
        return repository.screens.find((s) => s.id === id)?.name;
      case 'actionflow':
        return repository.actionflows.find((a) => a.id === id)?.name;
      case 'role':
        return repository.roles.find((r) => r.id === id)?.name;
      case 'userGroup':
        return repository.userGroups.find((g) => g.id === id)?.name;
      case 'user': {
        const user = repository.users.find((u) => u.id === id);
        return user ? displayName(user) : undefined;
      }
      default:
        return undefined;
    }
  })();
  return found ?? TAB_KIND_LABELS[ref.kind];
}
