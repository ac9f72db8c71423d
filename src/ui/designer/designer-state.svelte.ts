/**
 * The state of one open designer: the draft (the actionflow being edited), the undo and redo stacks
 * of edits (each made by the domain's `applyEdit`, which gives its inverse), the selection, whether
 * the draft differs from the last saved version, the problems validation finds, and Save with its
 * stale-version answer. The draft is kept in sessionStorage after every change, so a reload brings
 * it back; saving (or going back to the saved version) forgets it.
 */
import { untrack } from 'svelte';
import { SandboxApiError, type ActionflowSave, type SavedActionflow } from '$client/index';
import { applyEdit, EditError, validateActionflow, type Actionflow, type DesignRepository, type Edit, type Problem } from '$domain/actionflow';
import { describeEdit } from './edit-labels';
import { forgetDraft, loadDraft, storeDraft, type DraftStorage } from './draft-store';

/** What is selected on the canvas: one action, one connection, or nothing (the actionflow's settings). */
export type Selection = { kind: 'action'; id: string } | { kind: 'connection'; id: string } | null;

/** One undo step: the edit made, the edit that undoes it, and what the buttons call it. */
export interface UndoStep {
  edit: Edit;
  inverse: Edit;
  label: string;
  /** Steps with the same key in a row (typing in one field) are one undo step. */
  merge?: string;
}

/** Options of {@link DesignerState}. */
export interface DesignerOptions {
  /** The actionflow as last saved. */
  saved: Actionflow;
  /** The application's tables and screens (validation and the mapping window need them). */
  repository: () => DesignRepository;
  /** Sends the save (client.saveActionflow). */
  save: (id: string, body: ActionflowSave) => Promise<SavedActionflow>;
  /** Reads the saved actionflow (client.getActionflow), after a save was refused as stale. */
  load: (id: string) => Promise<SavedActionflow>;
  /** Where the draft is kept across a reload (sessionStorage by default; null keeps none). */
  storage?: DraftStorage | null;
}

/** Another save came first: the version it made, and the server's sentence. */
export interface SaveConflict {
  theirs: Actionflow;
  message: string;
}

/** The parts of an actionflow a save compares (the version aside). */
function content(flow: Actionflow): string {
  const { version: _version, ...rest } = flow;
  return JSON.stringify(rest);
}

/** The PUT body of a draft, made from `version`. */
export function saveBody(draft: Actionflow, version: number): ActionflowSave {
  return {
    actions: draft.actions,
    connections: draft.connections,
    name: draft.name,
    description: draft.description,
    exclusionGroup: draft.exclusionGroup,
    validateBeforeRunning: draft.validateBeforeRunning,
    allowRunWithValidationErrors: draft.allowRunWithValidationErrors,
    ...(draft.api ? { api: draft.api } : {}),
    version,
  };
}

export class DesignerState {
  /** The actionflow as last saved (by this designer or elsewhere, as far as it knows). */
  saved = $state.raw<Actionflow>() as Actionflow;
  /** The actionflow being edited. */
  draft = $state.raw<Actionflow>() as Actionflow;
  /** The saved version the draft was made from (what a save sends as `version`). */
  baseVersion = $state(0);
  selection = $state<Selection>(null);
  /** True while the draft differs from the saved version it was made from. */
  dirty = $state(false);
  /** True when the draft came back from storage (a reload). */
  restored = $state(false);
  /** A newer saved version made elsewhere while the draft had changes (a save would be refused). */
  newer = $state.raw<Actionflow | null>(null);
  saving = $state(false);
  conflict = $state.raw<SaveConflict | null>(null);
  /** The last save's (or edit's) outcome, as a sentence. */
  notice = $state<string | null>(null);
  error = $state<string | null>(null);
  /**
   * Fields whose text the designer refused (a timeout that is not a number…), by field key: the
   * draft keeps its last good value and Save is refused until they are mended.
   */
  refusedFields = $state<Record<string, string>>({});
  /** The refused text of each such field, shown in it until it is mended. */
  refusedText = $state<Record<string, string>>({});

  #undo = $state.raw<UndoStep[]>([]);
  #redo = $state.raw<UndoStep[]>([]);
  readonly #options: DesignerOptions;
  readonly #storage: DraftStorage | null | undefined;

  readonly problems: Problem[] = $derived.by(() => validateActionflow(this.draft, this.#options.repository()));

  constructor(options: DesignerOptions) {
    this.#options = options;
    this.#storage = options.storage;
    this.saved = options.saved;
    this.draft = options.saved;
    this.baseVersion = options.saved.version;
    const stored = loadDraft(options.saved, this.#storage);
    if (stored && content(stored.draft) !== content(options.saved)) {
      this.draft = { ...stored.draft, version: stored.baseVersion };
      this.baseVersion = stored.baseVersion;
      this.restored = true;
      this.dirty = true;
      if (stored.baseVersion !== options.saved.version) this.newer = options.saved;
    }
  }

  /** The application's tables and screens, as the designer knows them now. */
  get repository(): DesignRepository {
    return this.#options.repository();
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** What Undo would undo ("move Find Company"), or null. */
  get undoLabel(): string | null {
    return this.#undo.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.#redo.at(-1)?.label ?? null;
  }

  /** How many steps Undo can go back (for tests and the outline). */
  get undoDepth(): number {
    return this.#undo.length;
  }

  /**
   * Applies an edit to the draft as one undo step (merged into the previous step when both carry the
   * same `merge` key). Resolves to null, or to the sentence saying why the edit does not fit (the
   * draft is then unchanged).
   */
  apply(edit: Edit, options: { merge?: string; label?: string } = {}): string | null {
    let applied;
    try {
      applied = applyEdit(this.draft, edit);
    } catch (err) {
      if (err instanceof EditError) {
        this.error = err.message;
        return err.message;
      }
      throw err;
    }
    const label = options.label ?? describeEdit(edit, this.draft);
    const top = this.#undo.at(-1);
    if (options.merge && top?.merge === options.merge && this.#redo.length === 0) {
      this.#undo = [...this.#undo.slice(0, -1), { ...top, edit }];
    } else {
      this.#undo = [...this.#undo, { edit, inverse: applied.inverse, label, merge: options.merge }];
    }
    this.#redo = [];
    this.#changed(applied.flow);
    return null;
  }

  /** Undoes the last step. */
  undo(): void {
    const step = this.#undo.at(-1);
    if (!step) return;
    const applied = applyEdit(this.draft, step.inverse);
    this.#undo = this.#undo.slice(0, -1);
    this.#redo = [...this.#redo, { ...step, merge: undefined }];
    this.#changed(applied.flow);
    this.notice = `Undone: ${step.label}.`;
  }

  /** Redoes the last undone step. */
  redo(): void {
    const step = this.#redo.at(-1);
    if (!step) return;
    const applied = applyEdit(this.draft, step.edit);
    this.#redo = this.#redo.slice(0, -1);
    this.#undo = [...this.#undo, { ...step, inverse: applied.inverse, merge: undefined }];
    this.#changed(applied.flow);
    this.notice = `Redone: ${step.label}.`;
  }

  /** Ends the current merge run, so the next edit of the same field is an undo step of its own. */
  seal(): void {
    const top = this.#undo.at(-1);
    if (top?.merge) this.#undo = [...this.#undo.slice(0, -1), { ...top, merge: undefined }];
  }

  select(selection: Selection): void {
    this.selection = selection;
  }

  /** Marks a field's text as refused, saying why (or, with a null message, as mended). */
  refuseField(key: string, message: string | null, text = ''): void {
    // Called from the fields' effects: reading the maps here must not make them depend on them.
    untrack(() => this.#refuse(key, message, text));
  }

  #refuse(key: string, message: string | null, text: string): void {
    if (message === null && !Object.hasOwn(this.refusedFields, key)) return;
    if (message !== null && this.refusedFields[key] === message && this.refusedText[key] === text) return;
    const next = { ...this.refusedFields };
    const texts = { ...this.refusedText };
    if (message) {
      next[key] = message;
      texts[key] = text;
    } else {
      delete next[key];
      delete texts[key];
    }
    this.refusedFields = next;
    this.refusedText = texts;
  }

  /**
   * A text field's edit: `check` says why the text cannot be used (or null); usable text becomes
   * `edit(text)` (merged per field into one undo step), refused text is kept aside (see refuseField).
   */
  editText(key: string, text: string, check: (text: string) => string | null, edit: (text: string) => Edit | null): void {
    const why = check(text);
    if (why) {
      this.refuseField(key, why, text);
      return;
    }
    if (this.refusedFields[key]) this.refuseField(key, null);
    const change = edit(text);
    if (change) this.apply(change, { merge: key });
  }

  /** What a text field shows: its refused text while it has one, else the draft's value. */
  textOf(key: string, value: string): string {
    return Object.hasOwn(this.refusedText, key) ? this.refusedText[key]! : value;
  }

  #changed(flow: Actionflow): void {
    this.draft = flow;
    this.error = null;
    this.notice = null;
    this.dirty = content(flow) !== content(this.saved) || this.baseVersion !== this.saved.version;
    // A selection whose part is gone selects nothing.
    const s = this.selection;
    if (s && !(s.kind === 'action' ? flow.actions : flow.connections).some((p) => p.id === s.id)) this.selection = null;
    this.#keep();
  }

  #keep(): void {
    if (this.dirty) storeDraft({ baseVersion: this.baseVersion, draft: this.draft }, this.#storage);
    else forgetDraft(this.draft.id, this.#storage);
  }

  /**
   * Follows the saved actionflow as the repository shows it: a newer version made elsewhere is
   * taken as the draft when the draft has no changes; with changes, it is remembered (`newer`).
   */
  follow(saved: Actionflow): void {
    if (saved.id !== this.saved.id || saved.version <= this.saved.version || this.saving) return;
    if (!this.dirty) {
      this.#adopt(saved);
      return;
    }
    this.newer = saved;
  }

  #adopt(saved: Actionflow): void {
    this.saved = saved;
    this.draft = saved;
    this.baseVersion = saved.version;
    this.newer = null;
    this.conflict = null;
    this.dirty = false;
    this.restored = false;
    this.refusedFields = {};
    this.refusedText = {};
    // The steps were made on another version: undoing them over this one would mix the two.
    this.#undo = [];
    this.#redo = [];
    forgetDraft(saved.id, this.#storage);
  }

  /**
   * Saves the draft in one PUT with the version it was made from. Refused fields stop it before
   * sending; a stale version sets `conflict` (reload or keep the draft). Resolves to whether it saved.
   */
  async save(version: number = this.baseVersion): Promise<boolean> {
    const refused = Object.values(this.refusedFields);
    if (refused.length > 0) {
      this.error = `Nothing was saved: ${refused.length === 1 ? 'a field holds' : `${refused.length} fields hold`} text that cannot be used. ${refused[0]}`;
      return false;
    }
    this.saving = true;
    this.error = null;
    this.notice = null;
    const sent = this.draft;
    try {
      const answer = await this.#options.save(sent.id, saveBody(sent, version));
      const saved = answer.actionflow;
      this.saved = saved;
      this.baseVersion = saved.version;
      this.conflict = null;
      this.newer = null;
      this.restored = false;
      if (this.draft === sent) this.draft = saved;
      else this.draft = { ...this.draft, version: saved.version };
      this.dirty = content(this.draft) !== content(saved);
      this.#keep();
      const count = answer.problems.length;
      this.notice =
        count === 0
          ? `The actionflow ${saved.name} was saved (version ${saved.version}).`
          : `The actionflow ${saved.name} was saved (version ${saved.version}) with ${count} ${count === 1 ? 'problem' : 'problems'}; it will not run until ${count === 1 ? 'it is' : 'they are'} put right (see Problems).`;
      return true;
    } catch (err) {
      if (err instanceof SandboxApiError && err.code === 'stale_version') {
        try {
          const theirs = (await this.#options.load(sent.id)).actionflow;
          this.conflict = { theirs, message: err.message };
        } catch (loadErr) {
          this.error = `${err.message} The saved version could not be read: ${(loadErr as Error).message}`;
        }
      } else {
        this.error = `Nothing was saved: ${err instanceof Error ? err.message : String(err)}`;
      }
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** After a stale save: saves the draft again over the version another tab saved. */
  async keepMine(): Promise<boolean> {
    const theirs = this.conflict?.theirs ?? this.newer;
    if (!theirs) return this.save();
    this.saved = theirs;
    this.baseVersion = theirs.version;
    return this.save(theirs.version);
  }

  /** After a stale save (or to drop the draft): takes the saved version, forgetting the draft. */
  reload(saved: Actionflow = this.conflict?.theirs ?? this.newer ?? this.saved): void {
    this.#adopt(saved);
    this.notice = `Reloaded ${saved.name} as saved (version ${saved.version}); your draft was discarded.`;
  }
}
