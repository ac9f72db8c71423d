/**
 * JSON5's parser (JSON with comments, single quotes, trailing commas: what the platform's JSON
 * readers accept), loaded when an action first reads such a text. Its Unicode tables take several
 * milliseconds to load, which every page paid at its start while no action had run.
 */
let parser: Promise<typeof import('json5')> | null = null;

/** `JSON5.parse(text)`; rejects with JSON5's own error (its message says where the text goes wrong). */
export async function parseJson5(text: string): Promise<unknown> {
  parser ??= import('json5');
  const module = await parser;
  // The browser build has a default export only; Node's CommonJS one may have both.
  const JSON5 = (module as { default?: typeof module }).default ?? module;
  return JSON5.parse(text);
}
