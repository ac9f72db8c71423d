/** What the designer's dialogs are asked to do. */
import type { ActionKindName, Position } from '$domain/actionflow';

/** A new action to name and place ("Create Action"). */
export interface AddRequest {
  kind: ActionKindName;
  /** Where it was dropped; a free spot when absent. */
  position?: Position;
  /** A table dropped with it (View, Save, Analysis). */
  tableId?: string;
  /** The connection point it is connected from. */
  from?: { actionId: string; point: string };
}

/** What a drag from the toolbar or the Repository carries (as JSON, under {@link DRAG_TYPE}). */
export type DragItem = { kind: 'actionKind'; actionKind: ActionKindName } | { kind: 'table'; id: string } | { kind: 'actionflow'; id: string };

/** The dataTransfer type of the sandbox's own drags. */
export const DRAG_TYPE = 'application/x-actionflow-sandbox';

/** Reads a drag's item, or null when it is not one of ours. */
export function readDrag(event: DragEvent): DragItem | null {
  const raw = event.dataTransfer?.getData(DRAG_TYPE);
  if (!raw) return null;
  try {
    const item = JSON.parse(raw) as DragItem;
    return item && typeof item === 'object' && typeof item.kind === 'string' ? item : null;
  } catch {
    return null;
  }
}

/** Whether a drag carries one of ours (its data is only readable on drop). */
export function isOurDrag(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes(DRAG_TYPE) ?? false;
}

/** Starts a drag of `item`. */
export function startDrag(event: DragEvent, item: DragItem): void {
  event.dataTransfer?.setData(DRAG_TYPE, JSON.stringify(item));
  event.dataTransfer?.setData('text/plain', item.kind === 'actionKind' ? item.actionKind : item.id);
  if (event.dataTransfer) event.dataTransfer.effectAllowed = 'copyLink';
}
