/** A column of a RowsField: its cell kind, and the check its text must pass. */
export interface Column<R> {
  key: keyof R & string;
  label: string;
  kind: 'text' | 'expression' | 'select' | 'switch';
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  /** Why a cell's text cannot be used, or null. */
  check?: (value: string) => string | null;
}
