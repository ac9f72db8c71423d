/** How the trails show bodies, headers and times. Pure, so it is tested in node. */

/** The body as indented JSON when it is JSON, as it came otherwise; a note when there is none. */
export function prettyBody(body: string | null): { text: string; json: boolean } {
  if (body === null || body === '') return { text: '(no body)', json: false };
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

/** Headers one "name: value" a line, sorted by name. */
export function headerLines(headers: Record<string, string>): string {
  const names = Object.keys(headers).sort();
  return names.length === 0 ? '(none)' : names.map((name) => `${name}: ${headers[name]}`).join('\n');
}

/** The Authorization header of a request, whatever its case. */
export function authorizationOf(headers: Record<string, string>): string | null {
  const name = Object.keys(headers).find((n) => n.toLowerCase() === 'authorization');
  return name === undefined ? null : (headers[name] ?? null);
}

/** A timestamp as local date and time with seconds ("29 Nov 2026, 04:21:47"). */
export function whenText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The time of day only ("04:21:47"), for dense lists; the full date goes in a tooltip. */
export function timeText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Entries newest first: by time, then by id (entries of the same millisecond). */
export function newestFirst<T extends { at: string; id?: number }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.at === b.at ? (b.id ?? 0) - (a.id ?? 0) : a.at < b.at ? 1 : -1));
}

/** A value as indented JSON text (null shows as "(none)"). */
export function jsonText(value: unknown): string {
  return value === null || value === undefined ? '(none)' : JSON.stringify(value, null, 2);
}
