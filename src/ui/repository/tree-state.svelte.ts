/** Which groups of the Repository tree are expanded; kept in localStorage across reloads. */
const STORAGE_KEY = 'actionflow-sandbox.tree';
const DEFAULT_EXPANDED = ['app', 'full', 'settings', 'tools'];

function restore(): string[] {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : DEFAULT_EXPANDED;
  } catch {
    return DEFAULT_EXPANDED;
  }
}

class TreeState {
  expanded = $state<string[]>(restore());

  isExpanded(key: string): boolean {
    return this.expanded.includes(key);
  }

  toggle(key: string): void {
    this.expanded = this.isExpanded(key) ? this.expanded.filter((k) => k !== key) : [...this.expanded, key];
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(this.expanded));
    } catch {
      // Blocked storage only loses the tree's shape on reload.
    }
  }
}

export const tree = new TreeState();
