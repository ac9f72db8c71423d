/**
 * Where the designer keeps a draft across a reload: sessionStorage (one tab's drafts; a second tab
 * has its own), keyed by actionflow id, holding the version the draft was made from. Untrusted on
 * the way back in: a stored draft is read with the domain's `readGraph`/`readSettings`, and one
 * that does not read is dropped rather than opened.
 */
import { Reader, readGraph, readSettings, type Actionflow } from '$domain/actionflow';

const PREFIX = 'actionflow-sandbox.designer-draft:';

/** A draft as stored: the actionflow being edited and the saved version it was made from. */
export interface StoredDraft {
  baseVersion: number;
  draft: Actionflow;
}

/** The storage the drafts go to (sessionStorage in the page, a Map-backed stand-in in tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The storage key of an actionflow's draft. */
export function draftKey(actionflowId: string): string {
  return `${PREFIX}${actionflowId}`;
}

function defaultStorage(): DraftStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** Keeps `draft` (made from `baseVersion`) for the actionflow; storage that refuses is ignored. */
export function storeDraft(entry: StoredDraft, storage: DraftStorage | null = defaultStorage()): void {
  try {
    storage?.setItem(draftKey(entry.draft.id), JSON.stringify(entry));
  } catch {
    // Storage may be full or blocked: the draft still lives in the page.
  }
}

/** Forgets the stored draft of an actionflow (after a save, or when the learner discards it). */
export function forgetDraft(actionflowId: string, storage: DraftStorage | null = defaultStorage()): void {
  try {
    storage?.removeItem(draftKey(actionflowId));
  } catch {
    // Nothing to forget where storage is blocked.
  }
}

/**
 * The stored draft of `saved`'s actionflow, read and checked like a graph sent to the server;
 * null when there is none or it does not read (it is then forgotten).
 */
export function loadDraft(saved: Actionflow, storage: DraftStorage | null = defaultStorage()): StoredDraft | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(draftKey(saved.id)) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { baseVersion?: unknown; draft?: Record<string, unknown> };
    if (typeof parsed.baseVersion !== 'number' || !parsed.draft || typeof parsed.draft !== 'object') throw new Error('not a draft');
    const body = new Reader(parsed.draft, '', `the draft of ${saved.name}`);
    const graph = readGraph(body);
    const settings = readSettings(body, saved, `the draft of ${saved.name}`);
    const draft: Actionflow = { ...saved, ...settings, ...graph, version: saved.version };
    return { baseVersion: parsed.baseVersion, draft };
  } catch {
    forgetDraft(saved.id, storage);
    return null;
  }
}

/** Forgets every stored draft (the instance was replaced: they belonged to the old one). */
export function forgetAllDrafts(storage: DraftStorage & Pick<Storage, 'key' | 'length'> | null = defaultStorage() as Storage | null): void {
  try {
    if (!storage) return;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Nothing to forget where storage is blocked.
  }
}
