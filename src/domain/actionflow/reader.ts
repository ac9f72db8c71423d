/**
 * Reading untrusted JSON (a PUT body, an imported file) into typed actionflow parts. Every refusal is
 * a {@link ValidationError} whose message is a sentence naming what is wrong and where, and whose
 * `field` is the path of the value (`actions[2].props.filters[0].expression`).
 */
import { ValidationError } from '../errors';

/** Longest text a field of an action may hold (expressions have their own, shorter limit). */
export const FIELD_MAX_LENGTH = 10_000;

/** A place in the JSON being read: its path, and how to call it in a sentence. */
export class Reader {
  constructor(
    readonly value: unknown,
    /** Field path, e.g. `actions[2].props`. */
    readonly path: string,
    /** What it is, in words, e.g. `the View action Find Company`. */
    readonly what: string,
  ) {}

  fail(message: string, path: string = this.path): never {
    throw new ValidationError(message, path || null);
  }

  private join(key: string | number): string {
    if (typeof key === 'number') return `${this.path}[${key}]`;
    return this.path ? `${this.path}.${key}` : key;
  }

  /** The value as an object whose keys are all among `allowed` (a typo is refused, not ignored). */
  object(allowed: readonly string[]): Record<string, unknown> {
    const v = this.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(`${capitalise(this.what)} must be a JSON object.`);
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) {
        this.fail(`The field ${key} is not a setting of ${this.what}; use ${allowed.join(', ')}.`, this.join(key));
      }
    }
    return record;
  }

  /** A reader of one field of the object (see {@link object}). */
  field(key: string, what: string): Reader {
    const v = this.value as Record<string, unknown>;
    return new Reader(v?.[key], this.join(key), what);
  }

  /** A reader of each item of a list of at most `max` items. */
  list(max: number, itemWhat: (index: number) => string): Reader[] {
    if (!Array.isArray(this.value)) this.fail(`${capitalise(this.what)} must be a list.`);
    if (this.value.length > max) this.fail(`${capitalise(this.what)} may hold at most ${max.toLocaleString('en')} items, not ${this.value.length.toLocaleString('en')}.`);
    return this.value.map((item, i) => new Reader(item, this.join(i), itemWhat(i)));
  }

  /** Text of at most `max` characters; `fallback` when absent (undefined), refused when required. */
  string(options: { max?: number; fallback?: string; pattern?: RegExp; patternRule?: string; trim?: boolean } = {}): string {
    let v = this.value;
    if (v === undefined && options.fallback !== undefined) return options.fallback;
    if (typeof v !== 'string') this.fail(`${capitalise(this.what)} must be text.`);
    if (options.trim) v = (v as string).trim();
    const text = v as string;
    const max = options.max ?? FIELD_MAX_LENGTH;
    if (text.length > max) this.fail(`${capitalise(this.what)} must be at most ${max.toLocaleString('en')} characters.`);
    if (options.pattern && !options.pattern.test(text)) {
      this.fail(`${capitalise(this.what)} ${JSON.stringify(shorten(text))} ${options.patternRule ?? 'is not valid'}.`);
    }
    return text;
  }

  /** true or false; `fallback` when absent. */
  boolean(fallback?: boolean): boolean {
    if (this.value === undefined && fallback !== undefined) return fallback;
    if (typeof this.value !== 'boolean') this.fail(`${capitalise(this.what)} must be true or false.`);
    return this.value;
  }

  /** A finite number within [min, max]; `fallback` when absent. */
  number(options: { min: number; max: number; integer?: boolean; fallback?: number }): number {
    const v = this.value;
    if (v === undefined && options.fallback !== undefined) return options.fallback;
    const range = `from ${options.min.toLocaleString('en')} to ${options.max.toLocaleString('en')}`;
    const rule = `${capitalise(this.what)} must be a ${options.integer ? 'whole number' : 'number'} ${range}.`;
    if (typeof v !== 'number' || !Number.isFinite(v) || (options.integer && !Number.isInteger(v)) || v < options.min || v > options.max) this.fail(rule);
    return v;
  }

  /** One of `choices`; `fallback` when absent. */
  oneOf<T extends string>(choices: readonly T[], fallback?: T): T {
    const v = this.value;
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
      this.fail(`${capitalise(this.what)} must be ${listOr(choices)}, not ${JSON.stringify(v ?? null)}.`);
    }
    return v as T;
  }
}

/** "a, b or c". */
export function listOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The sentence-start form of a phrase ("the View action X" → "The View action X"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Refuses a second item whose `name` (ignoring case) was seen before. */
export function uniqueNames(readers: { reader: Reader; name: string }[], what: string, field = 'name'): void {
  const seen = new Set<string>();
  for (const { reader, name } of readers) {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) reader.fail(`${capitalise(what)} has ${JSON.stringify(name)} twice; names must be unique.`, `${reader.path}.${field}`);
    seen.add(key);
  }
}
