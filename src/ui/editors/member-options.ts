/** Options a member picker offers, and the search over them. Pure. */

/** Something that can be put in a section: a privilege, a user group, a user. */
export interface MemberOption {
  /** What the section stores (a privilege's name, a group's or user's id). */
  id: string;
  /** What the learner reads and the buttons name, e.g. "Use API Key". */
  name: string;
  /** A second line, e.g. a login or a description. */
  detail?: string;
}

/** Options matching `query` (case-insensitive, in name or detail) that are not already members. */
export function searchOptions(options: readonly MemberOption[], members: readonly string[], query: string): MemberOption[] {
  const q = query.trim().toLowerCase();
  return options.filter(
    (o) => !members.includes(o.id) && (q === '' || o.name.toLowerCase().includes(q) || (o.detail ?? '').toLowerCase().includes(q)),
  );
}

/** Member ids in order, without duplicates or ids no option knows. */
export function cleanMembers(ids: readonly string[], options: readonly Pick<MemberOption, 'id'>[]): string[] {
  const known = new Set(options.map((o) => o.id));
  return [...new Set(ids)].filter((id) => known.has(id));
}

/**
 * `ids` without those no longer in `items` — the same array when nothing is missing, so a draft
 * that lost nothing is left untouched (and not marked changed).
 */
export function keepKnown(ids: string[], items: readonly { id: string }[]): string[] {
  const known = new Set(items.map((i) => i.id));
  return ids.every((id) => known.has(id)) ? ids : ids.filter((id) => known.has(id));
}

