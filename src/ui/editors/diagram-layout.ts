/**
 * Where the boxes and arrows of an actionflow diagram go: actions in columns by their distance from
 * the input node, connections from the right edge of one box to the left edge of the next. Pure.
 */
import { ACTION_KINDS, type ActionKindName, type Actionflow, type AnyAction, type Connection } from '$domain/actionflow';

export const BOX = { width: 176, height: 58, columnGap: 72, rowGap: 26, margin: 12 } as const;

/** What each kind of action is called. */
export const NODE_KIND_LABELS = Object.fromEntries(
  Object.values(ACTION_KINDS).map((k) => [k.kind, k.kind === 'input' || k.kind === 'output' || k.kind === 'screenOutput' ? k.label : `${k.label} action`]),
) as Record<ActionKindName, string>;

export interface PlacedNode {
  node: AnyAction;
  x: number;
  y: number;
}

export interface PlacedConnection {
  connection: Connection;
  from: PlacedNode;
  to: PlacedNode;
  /** Path of the arrow (SVG `d`). */
  path: string;
  label: { x: number; y: number };
}

export interface DiagramLayout {
  nodes: PlacedNode[];
  connections: PlacedConnection[];
  width: number;
  height: number;
}

/** Column of each node: the longest path to it from a node nothing points to (cycles are cut). */
function columns(flow: Actionflow): Map<string, number> {
  const column = new Map<string, number>();
  const targets = new Set(flow.connections.map((c) => c.to));
  const roots = flow.actions.filter((n) => !targets.has(n.id) || n.kind === 'input');
  const queue = roots.map((n) => ({ id: n.id, depth: 0, path: new Set([n.id]) }));
  while (queue.length > 0) {
    const { id, depth, path } = queue.shift()!;
    if ((column.get(id) ?? -1) >= depth) continue;
    column.set(id, depth);
    for (const c of flow.connections) {
      if (c.from === id && !path.has(c.to)) queue.push({ id: c.to, depth: depth + 1, path: new Set([...path, c.to]) });
    }
  }
  for (const n of flow.actions) if (!column.has(n.id)) column.set(n.id, 0);
  return column;
}

/** The diagram of `flow`. */
export function layoutDiagram(flow: Actionflow): DiagramLayout {
  const column = columns(flow);
  const rows = new Map<number, number>();
  const placed = new Map<string, PlacedNode>();
  for (const node of flow.actions) {
    const c = column.get(node.id) ?? 0;
    const r = rows.get(c) ?? 0;
    rows.set(c, r + 1);
    placed.set(node.id, {
      node,
      x: BOX.margin + c * (BOX.width + BOX.columnGap),
      y: BOX.margin + r * (BOX.height + BOX.rowGap),
    });
  }
  const connections: PlacedConnection[] = [];
  for (const connection of flow.connections) {
    const from = placed.get(connection.from);
    const to = placed.get(connection.to);
    if (!from || !to) continue;
    const x1 = from.x + BOX.width;
    const y1 = from.y + BOX.height / 2;
    const x2 = to.x;
    const y2 = to.y + BOX.height / 2;
    const bend = Math.max(24, (x2 - x1) / 2);
    connections.push({
      connection,
      from,
      to,
      path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2 - 6} ${y2}`,
      label: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6 },
    });
  }
  const all = [...placed.values()];
  return {
    nodes: all,
    connections,
    width: Math.max(...all.map((p) => p.x + BOX.width), 0) + BOX.margin,
    height: Math.max(...all.map((p) => p.y + BOX.height), 0) + BOX.margin,
  };
}
