/**
 * The open tabs of the workspace. The route names the tab in front: opening an item replaces the
 * unpinned tab (as the platform does), pinned tabs stay until closed. The list of tabs lives in
 * sessionStorage so a reload brings them back; the hash brings back the one in front.
 */
import { untrack } from 'svelte';
import { forgetAllDrafts } from '../designer/draft-store';
import type { RepositoryView } from '$client/index';
import { route } from '../state/route.svelte';
import { sandbox } from '../state/sandbox.svelte';
import { isTabKind, itemExists, parseTabPath, tabHref, tabKey, type TabRef } from './tab-route';

/** A tab of the workspace. */
export interface OpenTab {
  ref: TabRef;
  key: string;
  pinned: boolean;
  /** Stays the same when the tab is pointed at another item, so its panel is kept. */
  uid: number;
}

let uidCounter = 0;

const STORAGE_KEY = 'actionflow-sandbox.tabs';

function restore(): OpenTab[] {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    const tabs: OpenTab[] = [];
    for (const item of parsed) {
      if (!item || typeof item !== 'object') continue;
      const { kind, id, pinned } = item as Record<string, unknown>;
      if (typeof kind !== 'string' || !isTabKind(kind)) continue;
      const ref: TabRef = typeof id === 'string' ? { kind, id } : { kind };
      if (tabs.some((t) => t.key === tabKey(ref))) continue;
      tabs.push({ ref, key: tabKey(ref), pinned: pinned === true, uid: ++uidCounter });
    }
    return tabs;
  } catch {
    return [];
  }
}

/** What a tab with unsaved work says before it is closed (the designer's draft). */
export interface CloseGuard {
  /** A sentence saying what closing would lose, or null when nothing would be. */
  unsaved(): string | null;
  /** Drops the unsaved work, once the learner has said to close anyway. */
  discard(): void;
}

class WorkspaceTabs {
  tabs = $state<OpenTab[]>(restore());
  /** Key of the tab in front, or null when none is. */
  activeKey = $state<string | null>(null);
  /** A close waiting for the learner's word: the tab and what it would lose. */
  closing = $state<{ key: string; message: string } | null>(null);
  #guards = new Map<string, CloseGuard>();

  /** Registers what a tab would lose on closing; the returned function removes it. */
  guard(key: string, guard: CloseGuard): () => void {
    this.#guards.set(key, guard);
    return () => {
      if (this.#guards.get(key) === guard) this.#guards.delete(key);
    };
  }

  /** Closes a tab, first asking (see `closing`) when it has unsaved work. Resolves to whether it closed now. */
  requestClose(key: string): boolean {
    const message = this.#guards.get(key)?.unsaved() ?? null;
    if (message) {
      this.closing = { key, message };
      return false;
    }
    this.close(key);
    return true;
  }

  /** The learner said to close anyway: the unsaved work is dropped and the tab closed. */
  confirmClose(): void {
    const pending = this.closing;
    this.closing = null;
    if (!pending) return;
    this.#guards.get(pending.key)?.discard();
    this.close(pending.key);
  }

  /** The tabs the last instance reset closed, with the repository that named them; null when none (or dismissed). */
  closedByReset = $state.raw<{ refs: TabRef[]; before: RepositoryView | null } | null>(null);
  #replacementsHandled = 0;

  /**
   * After the instance was replaced (reset or import): tabs whose item is gone close, and the rest
   * open again from the new instance (their unsaved changes belonged to the old one).
   * @param count which replacement this is (see `sandbox.replaced`); each is handled once
   * @param before the repository before the reset, for the names of the items that are gone
   */
  afterReplace(count: number, after: RepositoryView, before: RepositoryView | null): void {
    // The workspace may mount again (after a login) with a replacement it has handled already.
    if (count <= this.#replacementsHandled) return;
    this.#replacementsHandled = count;
    // Drafts kept for a reload were drafts of the old instance's actionflows.
    forgetAllDrafts();
    const gone = this.tabs.filter((t) => !itemExists(t.ref, after));
    const wasActive = this.activeKey;
    this.tabs = this.tabs.filter((t) => !gone.includes(t)).map((t) => ({ ...t, uid: ++uidCounter }));
    this.#save();
    this.closedByReset = gone.length === 0 ? null : { refs: gone.map((t) => t.ref), before };
    if (wasActive !== null && gone.some((t) => t.key === wasActive)) {
      const next = this.tabs[0];
      this.activeKey = next?.key ?? null;
      location.replace(next ? tabHref(next.ref) : '#/');
    }
  }

  dismissClosedByReset(): void {
    this.closedByReset = null;
  }

  /** Brings the tab of `ref` to the front, replacing the unpinned tab if it is new. */
  open(ref: TabRef): void {
    const key = tabKey(ref);
    if (!this.tabs.some((t) => t.key === key)) {
      const tab: OpenTab = { ref, key, pinned: false, uid: ++uidCounter };
      const unpinned = this.tabs.findIndex((t) => !t.pinned);
      if (unpinned === -1) this.tabs.push(tab);
      else this.tabs[unpinned] = tab;
    }
    this.activeKey = key;
    this.#save();
  }

  /**
   * Follows the route: opens the tab it names; `#/` (after the last tab closed) shows none; any
   * other route (a lesson step's deep link, a course page) leaves the tab in front as it is.
   */
  follow(path: string): void {
    // Only the path is a dependency of the caller's effect, never the tabs this changes.
    untrack(() => {
      const ref = parseTabPath(path);
      if (ref) this.open(ref);
      else if (path === '/' || path === '') this.activeKey = null;
    });
  }

  /** Navigates to `ref` (a history entry, so back and forward work). */
  show(ref: TabRef): void {
    route.go(tabHref(ref).slice(1));
  }

  togglePin(key: string): void {
    const tab = this.tabs.find((t) => t.key === key);
    if (!tab) return;
    tab.pinned = !tab.pinned;
    this.#save();
  }

  /** Closes a tab; the one beside it comes to the front. */
  close(key: string): void {
    const index = this.tabs.findIndex((t) => t.key === key);
    if (index === -1) return;
    this.tabs.splice(index, 1);
    this.#save();
    if (this.activeKey !== key) return;
    const next = this.tabs[Math.min(index, this.tabs.length - 1)];
    this.activeKey = next?.key ?? null;
    location.replace(next ? tabHref(next.ref) : '#/');
  }

  /** Points the tab `key` at another item (a new role once created), keeping its place and pin. */
  retarget(key: string, ref: TabRef): void {
    const newKey = tabKey(ref);
    const tab = this.tabs.find((t) => t.key === key);
    const clash = this.tabs.findIndex((t) => t.key === newKey);
    if (tab && clash === -1) {
      tab.ref = ref;
      tab.key = newKey;
    } else if (tab) {
      this.tabs.splice(this.tabs.indexOf(tab), 1);
    }
    if (this.activeKey === key) this.activeKey = newKey;
    this.#save();
    location.replace(tabHref(ref));
  }

  #save(): void {
    try {
      const plain = this.tabs.map((t) => ({ kind: t.ref.kind, id: t.ref.id, pinned: t.pinned }));
      globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(plain));
    } catch {
      // Storage may be blocked; the tabs still work for this page.
    }
  }
}

export const workspace = new WorkspaceTabs();

// Wherever the workspace is (shown, behind a course page, or away while nobody is logged in).
sandbox.onReplaced((replaced) => workspace.afterReplace(replaced.count, replaced.after, replaced.before));
