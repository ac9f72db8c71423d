// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SandboxApiError, type ActionflowSave, type SavedActionflow } from '$client/index';
import { newAction, newActionflow, newConnection, type Actionflow } from '$domain/actionflow';
import { repositorySource } from '../../../../fixtures/repository-source';
import { DesignerState } from '../../../../src/ui/designer/designer-state.svelte';
import { draftKey, type DraftStorage } from '../../../../src/ui/designer/draft-store';

const repository = { tables: repositorySource.tables, screens: repositorySource.screens };

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** A fake server holding one actionflow, answering PUTs as the real one does (version check, +1). */
function fakeServer(initial: Actionflow) {
  let current = initial;
  const puts: ActionflowSave[] = [];
  return {
    get current() {
      return current;
    },
    puts,
    /** Another tab saves: the version moves on. */
    saveElsewhere(change: Partial<Actionflow>) {
      current = { ...current, ...change, version: current.version + 1 };
    },
    save: async (_id: string, body: ActionflowSave): Promise<SavedActionflow> => {
      puts.push(body);
      if (body.version !== current.version) throw new SandboxApiError(`The actionflow was saved elsewhere (version ${current.version}).`, 409, 'stale_version', 'version');
      const { version: _v, ...rest } = body;
      current = { ...current, ...rest, api: current.api, version: current.version + 1 } as Actionflow;
      return { actionflow: current, problems: [] };
    },
    load: async (): Promise<SavedActionflow> => ({ actionflow: current, problems: [] }),
  };
}

function designer(flow = newActionflow({ id: 'af-new', applicationId: 'app', kind: 'apiEndpoint', name: 'Lookup' }), storage = memoryStorage()) {
  const server = fakeServer(flow);
  const state = new DesignerState({ saved: flow, repository: () => repository, save: server.save, load: server.load, storage });
  return { state, server, storage };
}

describe('the designer state', () => {
  it('applies edits to the draft, marks it dirty, and undoes and redoes them in order', () => {
    const { state } = designer();
    expect(state.dirty).toBe(false);
    const view = newAction('view', 'Find Company', { x: 240, y: 0 }, state.draft, repository);
    expect(state.apply({ type: 'addAction', action: view })).toBeNull();
    expect(state.apply({ type: 'connect', connection: newConnection(state.draft, 'action-1', 'out', view.id) })).toBeNull();
    expect(state.draft.actions.map((a) => a.name)).toEqual(['Input', 'Output', 'Find Company']);
    const before = state.saved.connections.length;
    expect(state.draft.connections).toHaveLength(before + 1);
    expect(state.dirty).toBe(true);
    expect(state.undoLabel).toBe('connect Input to Find Company');

    state.undo();
    expect(state.draft.connections).toHaveLength(before);
    expect(state.redoLabel).toBe('connect Input to Find Company');
    state.undo();
    expect(state.draft.actions).toHaveLength(2);
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);

    state.redo();
    state.redo();
    expect(state.draft.connections).toHaveLength(before + 1);
    expect(state.canRedo).toBe(false);
  });

  it('makes typing in one field one undo step, and a new edit clears the redo stack', () => {
    const { state } = designer();
    state.apply({ type: 'renameAction', actionId: 'action-2', name: 'O' }, { merge: 'name' });
    state.apply({ type: 'renameAction', actionId: 'action-2', name: 'Ou' }, { merge: 'name' });
    state.apply({ type: 'renameAction', actionId: 'action-2', name: 'Out' }, { merge: 'name' });
    expect(state.undoDepth).toBe(1);
    state.undo();
    expect(state.draft.actions[1]!.name).toBe('Output');
    state.redo();
    expect(state.draft.actions[1]!.name).toBe('Out');
    state.undo();
    state.apply({ type: 'moveAction', actionId: 'action-2', position: { x: 10, y: 10 } });
    expect(state.canRedo).toBe(false);
  });

  it('refuses an edit that does not fit, with a sentence, and changes nothing', () => {
    const { state } = designer();
    const before = state.draft;
    const message = state.apply({ type: 'removeAction', actionId: 'nope' });
    expect(message).toMatch(/has no action with the id nope/);
    expect(state.draft).toBe(before);
    expect(state.canUndo).toBe(false);
  });

  it('drops a selection whose action is deleted, also by undo', () => {
    const { state } = designer();
    const calc = newAction('calculate', 'Work Out', { x: 0, y: 200 }, state.draft, repository);
    state.apply({ type: 'addAction', action: calc });
    state.select({ kind: 'action', id: calc.id });
    state.undo();
    expect(state.selection).toBeNull();
  });

  it('keeps the draft in storage across a reload, and forgets it once saved', async () => {
    const storage = memoryStorage();
    const flow = newActionflow({ id: 'af-new', applicationId: 'app', kind: 'screen', name: 'Keep' });
    const first = designer(flow, storage).state;
    first.apply({ type: 'setSettings', changes: { exclusionGroup: 'imports' } });
    expect(storage.map.has(draftKey('af-new'))).toBe(true);

    const { state: second, server } = designer(flow, storage);
    expect(second.restored).toBe(true);
    expect(second.dirty).toBe(true);
    expect(second.draft.exclusionGroup).toBe('imports');

    expect(await second.save()).toBe(true);
    expect(server.puts[0]!.version).toBe(1);
    expect(second.saved.version).toBe(2);
    expect(second.dirty).toBe(false);
    expect(second.notice).toMatch(/was saved \(version 2\)/);
    expect(storage.map.has(draftKey('af-new'))).toBe(false);
  });

  it('drops a stored draft that does not read as an actionflow', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('af-new'), JSON.stringify({ baseVersion: 1, draft: { actions: [{ id: 'x', kind: 'teleport' }] } }));
    const { state } = designer(undefined, storage);
    expect(state.restored).toBe(false);
    expect(storage.map.has(draftKey('af-new'))).toBe(false);
  });

  it('on a stale save offers the other version: Reload takes it, Keep my draft saves over it', async () => {
    const { state, server } = designer();
    state.apply({ type: 'renameAction', actionId: 'action-2', name: 'Answer' });
    server.saveElsewhere({ description: 'changed in another tab' });
    expect(await state.save()).toBe(false);
    expect(state.conflict?.theirs.version).toBe(2);
    expect(state.conflict?.message).toMatch(/saved elsewhere/);
    expect(state.dirty).toBe(true);

    expect(await state.keepMine()).toBe(true);
    expect(server.puts.at(-1)!.version).toBe(2);
    expect(server.current.version).toBe(3);
    expect(server.current.actions[1]!.name).toBe('Answer');
    expect(state.conflict).toBeNull();

    state.apply({ type: 'renameAction', actionId: 'action-2', name: 'Mine' });
    server.saveElsewhere({ description: 'again' });
    await state.save();
    state.reload();
    expect(state.draft.actions[1]!.name).toBe('Answer');
    expect(state.draft.description).toBe('again');
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
  });

  it('follows a version saved elsewhere while clean, and only remembers it while dirty', () => {
    const { state, server } = designer();
    server.saveElsewhere({ description: 'from a lesson' });
    state.follow(server.current);
    expect(state.draft.description).toBe('from a lesson');
    expect(state.baseVersion).toBe(2);

    state.apply({ type: 'setSettings', changes: { exclusionGroup: 'mine' } });
    server.saveElsewhere({ description: 'again' });
    state.follow(server.current);
    expect(state.draft.exclusionGroup).toBe('mine');
    expect(state.newer?.version).toBe(3);
  });

  it('refuses to save while a field holds text it could not use', async () => {
    const { state, server } = designer();
    state.refuseField('api.timeoutMs', 'The Timeout must be a whole number of milliseconds from 1 to 3,600,000.');
    expect(await state.save()).toBe(false);
    expect(state.error).toMatch(/Nothing was saved: a field holds text that cannot be used\. The Timeout/);
    expect(server.puts).toHaveLength(0);
    state.refuseField('api.timeoutMs', null);
    expect(await state.save()).toBe(true);
  });

  it('shows the problems of the draft as validation finds them', () => {
    const { state } = designer();
    const view = newAction('view', 'Find', { x: 0, y: 0 }, state.draft, repository);
    state.apply({ type: 'addAction', action: view });
    expect(state.problems.some((p) => p.where.kind === 'action' && p.where.actionId === view.id && /not connected/.test(p.message))).toBe(true);
  });
});
