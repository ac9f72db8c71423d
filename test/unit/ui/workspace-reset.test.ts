import { describe, expect, it } from 'vitest';
import type { RepositoryView } from '$client/index';
import { itemExists } from '$ui/workspace/tab-route';
import { workspace } from '$ui/workspace/tabs.svelte';

const repository = (roles: string[]) =>
  ({ tables: [], screens: [], actionflows: [], roles: roles.map((id) => ({ id, name: id })), userGroups: [], users: [] }) as unknown as RepositoryView;

describe('tabs after the instance is replaced', () => {
  it('knows whether a tab names an item the repository has; tabs without an item always do', () => {
    expect(itemExists({ kind: 'role', id: 'role-1' }, repository(['role-1']))).toBe(true);
    expect(itemExists({ kind: 'role', id: 'role-2' }, repository(['role-1']))).toBe(false);
    expect(itemExists({ kind: 'role' }, repository([]))).toBe(true);
    expect(itemExists({ kind: 'keystore' }, repository([]))).toBe(true);
  });

  it('closes the tabs whose item is gone, opens the others afresh, and handles each replacement once', () => {
    const before = repository(['kept', 'gone']);
    workspace.tabs = [
      { ref: { kind: 'role', id: 'kept' }, key: 'role:kept', pinned: true, uid: 101 },
      { ref: { kind: 'role', id: 'gone' }, key: 'role:gone', pinned: true, uid: 102 },
      { ref: { kind: 'keystore' }, key: 'keystore', pinned: false, uid: 103 },
    ];
    workspace.activeKey = 'keystore';
    workspace.afterReplace(1, repository(['kept']), before);
    expect(workspace.tabs.map((t) => t.key)).toEqual(['role:kept', 'keystore']);
    expect(workspace.tabs.map((t) => t.uid).some((uid) => uid >= 101)).toBe(false);
    expect(workspace.closedByReset).toEqual({ refs: [{ kind: 'role', id: 'gone' }], before });
    expect(workspace.activeKey).toBe('keystore');

    const uids = workspace.tabs.map((t) => t.uid);
    workspace.afterReplace(1, repository([]), before);
    expect(workspace.tabs.map((t) => t.uid)).toEqual(uids);
  });
});
