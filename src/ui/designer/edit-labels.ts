/** How the designer names an edit on its Undo and Redo buttons ("Undo move Find Company"). Pure. */
import type { Actionflow, Edit } from '$domain/actionflow';

function actionName(flow: Actionflow, id: string): string {
  return flow.actions.find((a) => a.id === id)?.name ?? id;
}

function connectionName(flow: Actionflow, id: string): string {
  const c = flow.connections.find((x) => x.id === id);
  return c ? `${actionName(flow, c.from)} (${c.point}) → ${actionName(flow, c.to)}` : id;
}

/** A short phrase for `edit` as applied to `flow` (the actionflow before the edit). */
export function describeEdit(edit: Edit, flow: Actionflow): string {
  switch (edit.type) {
    case 'addAction':
      return `add ${edit.action.name}`;
    case 'removeAction':
      return `delete ${actionName(flow, edit.actionId)}`;
    case 'moveAction':
      return `move ${actionName(flow, edit.actionId)}`;
    case 'renameAction':
      return `rename ${actionName(flow, edit.actionId)}`;
    case 'setDescription':
      return `change the description of ${actionName(flow, edit.actionId)}`;
    case 'setProps':
      return `change the properties of ${actionName(flow, edit.actionId)}`;
    case 'setInputs':
      return `change the input parameters of ${actionName(flow, edit.actionId)}`;
    case 'connect':
      return `connect ${actionName(flow, edit.connection.from)} to ${actionName(flow, edit.connection.to)}`;
    case 'disconnect':
      return `delete the connection ${connectionName(flow, edit.connectionId)}`;
    case 'setConnection':
      return `change the connection ${connectionName(flow, edit.connectionId)}`;
    case 'map':
      return `map ${'attribute' in edit.mapping ? edit.mapping.attribute : 'an expression'} onto ${edit.mapping.target}`;
    case 'unmap':
      return `unmap ${edit.target}`;
    case 'mapAll':
      return `map all on ${connectionName(flow, edit.connectionId)}`;
    case 'clearMappings':
      return `clear the mappings of ${connectionName(flow, edit.connectionId)}`;
    case 'setMappings':
      return `change the mappings of ${connectionName(flow, edit.connectionId)}`;
    case 'setSettings':
      return `change the settings (${Object.keys(edit.changes).join(', ')})`;
    case 'batch':
      return edit.label;
  }
}
