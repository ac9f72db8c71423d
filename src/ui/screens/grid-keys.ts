/**
 * Keyboard moves of a selectable grid (pure, so the rules are tested without a browser). The focused
 * row moves with the arrow keys, Home and End; Enter and Space choose it; Page Up / Page Down turn
 * the page.
 */
import { countText } from '../count-text';

export type GridMove =
  | { kind: 'focus'; index: number }
  | { kind: 'choose'; index: number }
  | { kind: 'page'; direction: -1 | 1 }
  | { kind: 'none' };

/**
 * What a key press on row `index` of `rowCount` rows does.
 * @param key the KeyboardEvent's `key`.
 */
export function gridMove(key: string, index: number, rowCount: number): GridMove {
  if (rowCount === 0) return { kind: 'none' };
  const last = rowCount - 1;
  const at = Math.min(Math.max(index, 0), last);
  switch (key) {
    case 'ArrowDown':
      return { kind: 'focus', index: Math.min(at + 1, last) };
    case 'ArrowUp':
      return { kind: 'focus', index: Math.max(at - 1, 0) };
    case 'Home':
      return { kind: 'focus', index: 0 };
    case 'End':
      return { kind: 'focus', index: last };
    case 'Enter':
    case ' ':
      return { kind: 'choose', index: at };
    case 'PageDown':
      return { kind: 'page', direction: 1 };
    case 'PageUp':
      return { kind: 'page', direction: -1 };
    default:
      return { kind: 'none' };
  }
}

/** "Rows 51–100 of 1,452", or a sentence for an empty result. */
export function rowRangeText(offset: number, shown: number, total: number): string {
  const n = countText;
  if (total === 0 || shown === 0) return `No rows (${n(total)} in all)`;
  return `Rows ${n(offset + 1)}–${n(offset + shown)} of ${n(total)}`;
}

/** The offset of the page before (-1) or after (1) `offset`, kept within `0…total-1`. */
export function turnPage(offset: number, pageSize: number, total: number, direction: -1 | 1): number {
  const next = offset + direction * pageSize;
  if (next < 0) return 0;
  if (next >= total) return offset;
  return next;
}
