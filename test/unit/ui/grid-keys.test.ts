import { describe, expect, it } from 'vitest';
import { gridMove, rowRangeText, turnPage } from '$ui/screens/grid-keys';
import { cellText } from '$ui/screens/record-format';

describe('gridMove', () => {
  it('moves focus with the arrow keys, Home and End, staying inside the rows', () => {
    expect(gridMove('ArrowDown', 0, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(gridMove('ArrowDown', 2, 3)).toEqual({ kind: 'focus', index: 2 });
    expect(gridMove('ArrowUp', 0, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(gridMove('Home', 2, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(gridMove('End', 0, 3)).toEqual({ kind: 'focus', index: 2 });
  });

  it('chooses with Enter and Space, turns pages with Page Up / Page Down, ignores other keys', () => {
    expect(gridMove('Enter', 1, 3)).toEqual({ kind: 'choose', index: 1 });
    expect(gridMove(' ', 1, 3)).toEqual({ kind: 'choose', index: 1 });
    expect(gridMove('PageDown', 1, 3)).toEqual({ kind: 'page', direction: 1 });
    expect(gridMove('PageUp', 1, 3)).toEqual({ kind: 'page', direction: -1 });
    expect(gridMove('a', 1, 3)).toEqual({ kind: 'none' });
    expect(gridMove('ArrowDown', 0, 0)).toEqual({ kind: 'none' });
  });
});

describe('paging', () => {
  it('says which rows show', () => {
    expect(rowRangeText(0, 50, 1452)).toBe('Rows 1–50 of 1,452');
    expect(rowRangeText(1450, 2, 1452)).toBe('Rows 1,451–1,452 of 1,452');
    expect(rowRangeText(0, 0, 0)).toBe('No rows (0 in all)');
  });

  it('turns pages without leaving the records', () => {
    expect(turnPage(0, 50, 1452, 1)).toBe(50);
    expect(turnPage(50, 50, 1452, -1)).toBe(0);
    expect(turnPage(0, 50, 1452, -1)).toBe(0);
    expect(turnPage(1450, 50, 1452, 1)).toBe(1450);
  });
});

describe('cellText', () => {
  it('shows decimals with two places and leaves text alone', () => {
    expect(cellText(3280.1, 'Decimal')).toBe('3,280.10');
    expect(cellText(420, 'Integer')).toBe('420');
    expect(cellText('2016-03-14', 'Date')).toBe('2016-03-14');
    expect(cellText(null, 'String')).toBe('');
    expect(cellText('<b>x</b>', 'String')).toBe('<b>x</b>');
  });
});
