/**
 * Where actions go: "Tidy up" lays the whole actionflow out left to right with dagre (one undo step
 * of moves), and a new action from the keyboard goes to a free spot next to the selected one. Pure.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Actionflow, Edit, Position } from '$domain/actionflow';

/** The size the canvas gives an action box, in canvas units (measured sizes are used when known). */
export const ACTION_SIZE = { width: 190, height: 86 };
const GAP = { x: 90, y: 40 };

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

function overlaps(p: Position, flow: Actionflow): boolean {
  return flow.actions.some((a) => Math.abs(a.position.x - p.x) < ACTION_SIZE.width + GAP.y / 2 && Math.abs(a.position.y - p.y) < ACTION_SIZE.height + GAP.y / 2);
}

/**
 * A free spot for a new action: right of `besideId` (then below it, further down each try), or
 * right of the rightmost action when nothing is selected.
 */
export function freeSpot(flow: Actionflow, besideId: string | null): Position {
  const beside = flow.actions.find((a) => a.id === besideId);
  const start: Position = beside
    ? { x: beside.position.x + ACTION_SIZE.width + GAP.x, y: beside.position.y }
    : flow.actions.length === 0
      ? { x: 0, y: 0 }
      : { x: Math.max(...flow.actions.map((a) => a.position.x)) + ACTION_SIZE.width + GAP.x, y: Math.min(...flow.actions.map((a) => a.position.y)) };
  for (let i = 0; i < 200; i++) {
    const p = { x: start.x, y: start.y + i * (ACTION_SIZE.height + GAP.y) };
    if (!overlaps(p, flow)) return p;
  }
  return { x: start.x + ACTION_SIZE.width + GAP.x, y: start.y };
}
