/**
 * "Tidy up": the whole actionflow laid out left to right by dagre, as moves (one undo step). Its own
 * module, loaded on the first Tidy up, so the layout library is not part of opening the designer. Pure.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Actionflow, Edit } from '$domain/actionflow';
import { ACTION_SIZE, GAP } from './layout';

/** The moves that lay `flow` out left to right (none for an action already where it goes). */
export function tidyEdits(flow: Actionflow, sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): Edit[] {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: GAP.y, ranksep: GAP.x, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const a of flow.actions) g.setNode(a.id, { ...(sizes.get(a.id) ?? ACTION_SIZE) });
  for (const c of flow.connections) if (g.hasNode(c.from) && g.hasNode(c.to)) g.setEdge(c.from, c.to, {}, c.id);
  layout(g);
  const edits: Edit[] = [];
  for (const a of flow.actions) {
    const node = g.node(a.id) as { x: number; y: number; width: number; height: number };
    const position = { x: Math.round(node.x - node.width / 2), y: Math.round(node.y - node.height / 2) };
    if (position.x !== a.position.x || position.y !== a.position.y) edits.push({ type: 'moveAction', actionId: a.id, position });
  }
  return edits;
}

