/**
 * Reading and building the chapter's ImportCompanies actionflow. The checks find its parts by kind
 * and by the connections between them (never by the names a learner gave them); the solutions
 * ("Show me") build on what the learner made: they fix an action that is there, add one that is not,
 * and keep everything else.
 */
import type { SandboxClient } from '$client/index';
import { freeId, newAction, newConnection, type Actionflow, type AnyAction, type Connection } from '$domain/actionflow';
import { sameName } from '$domain/rules';
import type { InstanceSnapshot } from '$domain/snapshot';
import { APPLICATION_ID } from '../shared/course';
import { APPROVAL_SCREEN_ID, IMPORT_BUTTON } from '../shared/import-names';

export const IMPORT_FLOW = 'ImportCompanies';
export const GROUP = 'Import';

export type ActionOf<K extends AnyAction['kind']> = Extract<AnyAction, { kind: K }>;

/** The ImportCompanies actionflow (a screen actionflow of that name, any case). */
export function importFlow(s: Pick<InstanceSnapshot, 'actionflows'>): Actionflow | undefined {
  return s.actionflows.find((a) => a.kind === 'screen' && sameName(a.name, IMPORT_FLOW));
}

/** The connection from `from`'s `out` to an action of `kind`, and that action. */
export function nextOf<K extends AnyAction['kind']>(flow: Actionflow, from: AnyAction | undefined, kind: K): { action: ActionOf<K>; connection: Connection } | null {
  if (!from) return null;
  for (const connection of flow.connections) {
    if (connection.from !== from.id || connection.point !== 'out') continue;
    const action = flow.actions.find((a) => a.id === connection.to);
    if (action?.kind === kind) return { action: action as ActionOf<K>, connection };
  }
  return null;
}

/** The chain Input → Calculate → Analysis → View → Save, as far as it goes. */
export function importChain(flow: Actionflow) {
  const input = flow.actions.find((a) => a.kind === 'input');
  const calculate = nextOf(flow, input, 'calculate');
  const analysis = nextOf(flow, calculate?.action, 'analysis');
  const view = nextOf(flow, analysis?.action, 'view');
  const save = nextOf(flow, view?.action, 'save');
  return { input, calculate, analysis, view, save };
}

/** The expression without spaces outside quotes (good enough to compare `sleep( 20 )` with `sleep(20)`). */
export const compact = (expression: string) => expression.replace(/\s+/g, '');

/** The id of ImportCompanies, created (and put on the Import button) when missing. */
export async function ensureImportFlow(client: SandboxClient): Promise<string> {
  const repository = await client.getRepository();
  const found = importFlow(repository);
  const id = found?.id ?? (await client.createActionflow({ applicationId: APPLICATION_ID, kind: 'screen', name: IMPORT_FLOW, description: 'Imports the processed additional companies into Companies.' })).actionflow.id;
  const button = repository.screens.find((s) => s.id === APPROVAL_SCREEN_ID)?.buttons.find((b) => b.name === IMPORT_BUTTON);
  if (button?.actionflowId !== id) await client.attachActionflow(APPROVAL_SCREEN_ID, IMPORT_BUTTON, id);
  return id;
}

/**
 * Changes ImportCompanies' graph with `change` (given a copy to change, and the tables and screens
 * new actions take defaults from) and saves it with the version it was read at.
 */
export async function editImportFlow(client: SandboxClient, change: (flow: Actionflow, repository: { tables: InstanceSnapshot['tables']; screens: InstanceSnapshot['screens'] }) => void): Promise<void> {
  const id = await ensureImportFlow(client);
  const repository = await client.getRepository();
  const { actionflow } = await client.getActionflow(id);
  const flow: Actionflow = structuredClone(actionflow);
  change(flow, { tables: repository.tables, screens: repository.screens });
  await client.saveActionflow(id, { actions: flow.actions, connections: flow.connections, version: actionflow.version });
}

/**
 * The action of `kind` after `from` (connected from its `out`), added with `name` to the right of it
 * when there is none; `set` then makes its properties right.
 */
export function ensureNext<K extends AnyAction['kind']>(
  flow: Actionflow,
  from: AnyAction,
  kind: K,
  name: string,
  repository: { tables: InstanceSnapshot['tables']; screens: InstanceSnapshot['screens'] },
): { action: ActionOf<K>; connection: Connection } {
  const found = nextOf(flow, from, kind);
  if (found) return found;
  const loose = flow.actions.find((a) => a.kind === kind && !flow.connections.some((c) => c.to === a.id)) as ActionOf<K> | undefined;
  const action = loose ?? (newAction(kind, name, { x: from.position.x + 260, y: from.position.y }, flow, repository) as ActionOf<K>);
  if (!loose) flow.actions.push(action);
  const connection = newConnection(flow, from.id, 'out', action.id);
  flow.connections.push(connection);
  return { action, connection };
}

/** Maps `attribute` of the source onto the parameter of the same name (declared on the target). */
export function mapSame(target: AnyAction, connection: Connection, name: string, type: AnyAction['inputs'][number]['type']): void {
  if (!target.inputs.some((p) => p.name === name)) target.inputs.push({ name, type });
  if (!connection.mappings.some((m) => m.target === name)) connection.mappings.push({ target: name, attribute: name });
}

export { freeId };
