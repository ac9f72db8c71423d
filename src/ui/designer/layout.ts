/**
 * Where a new action goes: a free spot next to the selected one (Tidy up is in ./tidy.ts). Pure.
 */
import type { Actionflow, Position } from '$domain/actionflow';

/** The size the canvas gives an action box, in canvas units (measured sizes are used when known). */
export const ACTION_SIZE = { width: 190, height: 86 };
export const GAP = { x: 90, y: 40 };

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
