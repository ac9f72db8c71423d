/**
 * Every change the designer makes to an actionflow is an {@link Edit}, applied by one pure function,
 * {@link applyEdit}, which also gives the edit that undoes it. Undo and redo are then a stack of
 * edits; the property test proves that any sequence followed by its inverses gives back the original.
 */
import { FlowAttributes } from './attributes';
import { canMap, type DesignRepository } from './kind';
import { kindOf, type AnyAction } from './kinds/index';
import type { Actionflow, ActionflowSettings, Connection, ConnectionType, Mapping, Parameter, Position } from './model';

export type Edit =
  | { type: 'addAction'; action: AnyAction; index?: number }
  | { type: 'removeAction'; actionId: string }
  | { type: 'moveAction'; actionId: string; position: Position }
  | { type: 'renameAction'; actionId: string; name: string }
  | { type: 'setDescription'; actionId: string; description: string }
  | { type: 'setProps'; actionId: string; props: AnyAction['props'] }
  | { type: 'setInputs'; actionId: string; inputs: Parameter[] }
  | { type: 'connect'; connection: Connection; index?: number }
  | { type: 'disconnect'; connectionId: string }
  | { type: 'setConnection'; connectionId: string; changes: { point?: string; type?: ConnectionType; listName?: string } }
  | { type: 'map'; connectionId: string; mapping: Mapping; createInput?: Parameter }
  | { type: 'unmap'; connectionId: string; target: string }
  | { type: 'mapAll'; connectionId: string; mappings: Mapping[]; createInputs: Parameter[] }
  | { type: 'clearMappings'; connectionId: string }
  | { type: 'setMappings'; connectionId: string; mappings: Mapping[] }
  | { type: 'setSettings'; changes: Partial<ActionflowSettings> }
  | { type: 'batch'; label: string; edits: Edit[] };

/** An edit that does not fit the actionflow (an id that is not there, one that is taken). */
export class EditError extends Error {
  override name = 'EditError';
}

/** The result of an edit: the new actionflow and the edit that gives back the old one. */
export interface Applied {
  flow: Actionflow;
  inverse: Edit;
}

function actionAt(flow: Actionflow, id: string): number {
  const index = flow.actions.findIndex((a) => a.id === id);
  if (index === -1) throw new EditError(`The actionflow ${flow.name} has no action with the id ${id}.`);
  return index;
}

function connectionAt(flow: Actionflow, id: string): number {
  const index = flow.connections.findIndex((c) => c.id === id);
  if (index === -1) throw new EditError(`The actionflow ${flow.name} has no connection with the id ${id}.`);
  return index;
}

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  const copy = list.slice();
  copy[index] = item;
  return copy;
}

function insertAt<T>(list: readonly T[], index: number | undefined, item: T): T[] {
  const copy = list.slice();
  copy.splice(index === undefined || index < 0 || index > copy.length ? copy.length : index, 0, item);
  return copy;
}

function updateAction(flow: Actionflow, id: string, change: (a: AnyAction) => AnyAction): Actionflow {
  const index = actionAt(flow, id);
  return { ...flow, actions: replaceAt(flow.actions, index, change(flow.actions[index]!)) };
}

function updateConnection(flow: Actionflow, id: string, change: (c: Connection) => Connection): Actionflow {
  const index = connectionAt(flow, id);
  return { ...flow, connections: replaceAt(flow.connections, index, change(flow.connections[index]!)) };
}

/** The edit that sets a connection's mappings (and its target's inputs) back to what they are now. */
function restoreMappings(flow: Actionflow, connectionId: string, withInputsOf?: string): Edit {
  const c = flow.connections[connectionAt(flow, connectionId)]!;
  const back: Edit = { type: 'setMappings', connectionId, mappings: c.mappings };
  if (withInputsOf === undefined) return back;
  const target = flow.actions[actionAt(flow, withInputsOf)]!;
  return { type: 'batch', label: 'restore mappings', edits: [back, { type: 'setInputs', actionId: target.id, inputs: target.inputs }] };
}

function addInput(flow: Actionflow, actionId: string, input: Parameter | undefined): Actionflow {
  if (!input) return flow;
  return updateAction(flow, actionId, (a) => (a.inputs.some((p) => p.name === input.name) ? a : { ...a, inputs: [...a.inputs, input] }));
}

/** `changes` without the fields given as undefined. */
function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Applies `edit` to `flow` without changing it: resolves to the new actionflow and the inverse edit.
 * Throws {@link EditError} when the edit names a part that is not there (or an id already taken).
 */
export function applyEdit(flow: Actionflow, edit: Edit): Applied {
  switch (edit.type) {
    case 'addAction': {
      if (flow.actions.some((a) => a.id === edit.action.id)) throw new EditError(`The actionflow ${flow.name} already has an action with the id ${edit.action.id}.`);
      return { flow: { ...flow, actions: insertAt(flow.actions, edit.index, edit.action) }, inverse: { type: 'removeAction', actionId: edit.action.id } };
    }
    case 'removeAction': {
      const index = actionAt(flow, edit.actionId);
      const action = flow.actions[index]!;
      const kept: Connection[] = [];
      const restore: Edit[] = [{ type: 'addAction', action, index }];
      flow.connections.forEach((c, i) => {
        if (c.from === action.id || c.to === action.id) restore.push({ type: 'connect', connection: c, index: i });
        else kept.push(c);
      });
      const actions = flow.actions.slice();
      actions.splice(index, 1);
      return { flow: { ...flow, actions, connections: kept }, inverse: restore.length === 1 ? restore[0]! : { type: 'batch', label: `restore ${action.name}`, edits: restore } };
    }
    case 'moveAction': {
      const before = flow.actions[actionAt(flow, edit.actionId)]!;
      return { flow: updateAction(flow, edit.actionId, (a) => ({ ...a, position: { ...edit.position } })), inverse: { type: 'moveAction', actionId: edit.actionId, position: before.position } };
    }
    case 'renameAction': {
      const before = flow.actions[actionAt(flow, edit.actionId)]!;
      return { flow: updateAction(flow, edit.actionId, (a) => ({ ...a, name: edit.name })), inverse: { type: 'renameAction', actionId: edit.actionId, name: before.name } };
    }
    case 'setDescription': {
      const before = flow.actions[actionAt(flow, edit.actionId)]!;
      return { flow: updateAction(flow, edit.actionId, (a) => ({ ...a, description: edit.description })), inverse: { type: 'setDescription', actionId: edit.actionId, description: before.description } };
    }
    case 'setProps': {
      const before = flow.actions[actionAt(flow, edit.actionId)]!;
      return { flow: updateAction(flow, edit.actionId, (a) => ({ ...a, props: edit.props }) as AnyAction), inverse: { type: 'setProps', actionId: edit.actionId, props: before.props } };
    }
    case 'setInputs': {
      const before = flow.actions[actionAt(flow, edit.actionId)]!;
      return { flow: updateAction(flow, edit.actionId, (a) => ({ ...a, inputs: edit.inputs })), inverse: { type: 'setInputs', actionId: edit.actionId, inputs: before.inputs } };
    }
    case 'connect': {
      const c = edit.connection;
      if (flow.connections.some((x) => x.id === c.id)) throw new EditError(`The actionflow ${flow.name} already has a connection with the id ${c.id}.`);
      actionAt(flow, c.from);
      actionAt(flow, c.to);
      return { flow: { ...flow, connections: insertAt(flow.connections, edit.index, c) }, inverse: { type: 'disconnect', connectionId: c.id } };
    }
    case 'disconnect': {
      const index = connectionAt(flow, edit.connectionId);
      const connections = flow.connections.slice();
      const [removed] = connections.splice(index, 1);
      return { flow: { ...flow, connections }, inverse: { type: 'connect', connection: removed!, index } };
    }
    case 'setConnection': {
      const before = flow.connections[connectionAt(flow, edit.connectionId)]!;
      // A field given as undefined is left as it is (spreading it would blank it, with no undo).
      const changes = defined(edit.changes);
      const back: { point?: string; type?: ConnectionType; listName?: string } = {};
      if (changes.point !== undefined) back.point = before.point;
      if (changes.type !== undefined) back.type = before.type;
      if (changes.listName !== undefined) back.listName = before.listName;
      return { flow: updateConnection(flow, edit.connectionId, (c) => ({ ...c, ...changes })), inverse: { type: 'setConnection', connectionId: edit.connectionId, changes: back } };
    }
    case 'map': {
      const c = flow.connections[connectionAt(flow, edit.connectionId)]!;
      const inverse = restoreMappings(flow, edit.connectionId, edit.createInput ? c.to : undefined);
      const withInput = addInput(flow, c.to, edit.createInput);
      const mappings = [...c.mappings.filter((m) => m.target !== edit.mapping.target), edit.mapping];
      return { flow: updateConnection(withInput, edit.connectionId, (x) => ({ ...x, mappings })), inverse };
    }
    case 'unmap': {
      const inverse = restoreMappings(flow, edit.connectionId);
      return { flow: updateConnection(flow, edit.connectionId, (x) => ({ ...x, mappings: x.mappings.filter((m) => m.target !== edit.target) })), inverse };
    }
    case 'mapAll': {
      const c = flow.connections[connectionAt(flow, edit.connectionId)]!;
      const inverse = restoreMappings(flow, edit.connectionId, edit.createInputs.length > 0 ? c.to : undefined);
      let next = flow;
      for (const input of edit.createInputs) next = addInput(next, c.to, input);
      const targets = new Set(edit.mappings.map((m) => m.target));
      const mappings = [...c.mappings.filter((m) => !targets.has(m.target)), ...edit.mappings];
      return { flow: updateConnection(next, edit.connectionId, (x) => ({ ...x, mappings })), inverse };
    }
    case 'clearMappings':
    case 'setMappings': {
      const inverse = restoreMappings(flow, edit.connectionId);
      const mappings = edit.type === 'clearMappings' ? [] : edit.mappings;
      return { flow: updateConnection(flow, edit.connectionId, (x) => ({ ...x, mappings })), inverse };
    }
    case 'setSettings': {
      const changes = defined(edit.changes);
      const back: Partial<ActionflowSettings> = {};
      for (const key of Object.keys(changes) as (keyof ActionflowSettings)[]) (back as Record<string, unknown>)[key] = flow[key];
      return { flow: { ...flow, ...changes }, inverse: { type: 'setSettings', changes: back } };
    }
    case 'batch': {
      let next = flow;
      const inverses: Edit[] = [];
      for (const inner of edit.edits) {
        const applied = applyEdit(next, inner);
        next = applied.flow;
        inverses.unshift(applied.inverse);
      }
      return { flow: next, inverse: { type: 'batch', label: `undo ${edit.label}`, edits: inverses } };
    }
  }
}

/**
 * The "Map all" edit of a connection: every attribute the connection delivers that the target has
 * an input parameter of the same name (and a type it accepts) for is mapped onto it; where the
 * target takes parameters of the learner's own, the missing ones are created with the same name
 * and type. Targets already mapped are left as they are.
 */
export function mapAllEdit(flow: Actionflow, repository: DesignRepository, connectionId: string): Edit & { type: 'mapAll' } {
  const c = flow.connections[connectionAt(flow, connectionId)]!;
  const target = flow.actions[actionAt(flow, c.to)]!;
  const attributes = new FlowAttributes({ flow, repository });
  const inputs = attributes.inputsOf(target);
  const mapped = new Set(c.mappings.map((m) => m.target));
  const mappings: Mapping[] = [];
  const createInputs: Parameter[] = [];
  const free = kindOf(target).freeInputs;
  // A Save's parameters are its table's attributes: Map all makes only those (Auto Save Attributes saves the rest by name).
  const table = target.kind === 'save' ? repository.tables.find((t) => t.id === target.props.tableId) : undefined;
  const creatable = (name: string) => free && (!table || table.attributes.some((a) => a.name === name));
  for (const source of attributes.deliveredBy(c)) {
    if (mapped.has(source.name)) continue;
    const existing = inputs.find((p) => p.name === source.name);
    if (existing) {
      if (canMap(source.type, existing.type)) mappings.push({ target: existing.name, attribute: source.name });
    } else if (creatable(source.name)) {
      createInputs.push({ name: source.name, type: source.type });
      mappings.push({ target: source.name, attribute: source.name });
    }
  }
  return { type: 'mapAll', connectionId, mappings, createInputs };
}

/** Applies edits in order; the inverse undoes them all (one undo step). */
export function applyEdits(flow: Actionflow, edits: Edit[], label = 'changes'): Applied {
  return applyEdit(flow, { type: 'batch', label, edits });
}
