/** How record values show in a grid cell: decimals with two places, dates and text as they are. */
import type { AttributeType, DataRecord } from '$domain/entities';
import { countText } from '../count-text';

/** The text of one cell. */
export function cellText(value: DataRecord[string] | undefined, type: AttributeType): string {
  if (value === null || value === undefined) return '';
  if (type === 'Decimal' && typeof value === 'number') {
    return value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  if (type === 'Integer' && typeof value === 'number') return countText(value);
  return String(value);
}

/** True for types shown right-aligned. */
export function isNumeric(type: AttributeType): boolean {
  return type === 'Decimal' || type === 'Integer';
}
