/** Parses "Name: value" lines typed in the API console into headers, with a clear error. */
export function parseHeaderLines(text: string): { ok: true; value: Record<string, string> } | { ok: false; error: string } {
  const value: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      return { ok: false, error: `Header line ${i + 1} is not "Name: value" with a valid header name.` };
    }
    value[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, value };
}
