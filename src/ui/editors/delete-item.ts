/**
 * Deleting a role, user group or user from its tab, as ConfirmDialog runs it: the server deletes
 * (and refuses with its own sentence); once the dialog has closed, the item's tab closes, the shell
 * says what was deleted and focus goes to the Repository tree's group of that kind. The repository
 * refreshes itself on the server's change notice.
 */
import { tick } from 'svelte';
import { notice } from '../state/notice.svelte';
import { client } from '../state/sandbox.svelte';
import { tabKey } from '../workspace/tab-route';
import { workspace } from '../workspace/tabs.svelte';

/** How each kind is deleted, and the Repository tree group (TreeGroup `key`) that lists it. */
const KINDS = {
  role: { remove: (id: string) => client.deleteRole(id), treeGroup: 'roles' },
  userGroup: { remove: (id: string) => client.deleteUserGroup(id), treeGroup: 'userGroups' },
  user: { remove: (id: string) => client.deleteUser(id), treeGroup: 'users' },
} as const;

/** A deletable item. */
export interface DeletableRef {
  kind: keyof typeof KINDS;
  id: string;
}

function visible(element: HTMLElement | null): element is HTMLElement {
  return element !== null && element.getClientRects().length > 0;
}

/**
 * Focus leaves the closed tab for the toggle of the tree group that listed the item; when a
 * collapsed group hides it, for the tab now in front; else for the empty workspace's heading.
 */
function focusAfterDelete(ref: DeletableRef): void {
  const candidates = [
    document.querySelector<HTMLElement>(`button[aria-controls="tree-${KINDS[ref.kind].treeGroup}"]`),
    document.querySelector<HTMLElement>('[role="tablist"][aria-label="Open items"] [role="tab"][aria-selected="true"]'),
    document.getElementById('workspace-empty-heading'),
  ];
  candidates.find(visible)?.focus();
}

/** One editor's deletion: `confirm` for ConfirmDialog's onConfirm, `confirmed` for its onConfirmed. */
export class ItemDeletion {
  #deleted: { ref: DeletableRef; done: string } | null = null;

  /**
   * Deletes `ref` on the server; a refusal throws the server's sentence (the dialog shows it). The
   * item and `done` are kept as they are now, so a repository refresh cannot change the follow-up.
   */
  async confirm(ref: DeletableRef, done: string): Promise<void> {
    await KINDS[ref.kind].remove(ref.id);
    this.#deleted = { ref: { ...ref }, done };
  }

  /** Once the dialog has closed: closes the item's tab, shows `done` and places focus. */
  confirmed = async (): Promise<void> => {
    const deleted = this.#deleted;
    this.#deleted = null;
    if (!deleted) return;
    workspace.close(tabKey(deleted.ref));
    notice.show(deleted.done);
    await tick();
    focusAfterDelete(deleted.ref);
  };
}
