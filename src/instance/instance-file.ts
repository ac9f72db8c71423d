/**
 * Export and import of a whole training instance as one JSON file. An import is validated fully
 * (see ./instance-file-checks.ts) before anything is written; a bad or foreign file is refused with
 * the list of its problems and the instance stays as it was.
 *
 * A file says plainly which secrets it holds (`secrets`). An export may leave them out: the
 * keystore's secrets (all but the pepperkey) and HTTP actions' secret keys are then emptied, and an
 * import gives the keystore fresh random ones. The pepperkey and the users' password hashes stay,
 * so that everyone can still log in after the import. Sessions are never exported: an import
 * logs everyone out.
 */
import { isActionflowV1, migrateActionflowV1, newActionflow, readGraph, readSettings, Reader } from '$domain/actionflow';
import type { Actionflow, Screen, Table } from '$domain/entities';
import { withGeneratedSecrets } from '$domain/instance-secrets';
import { createRedactor } from '$domain/redaction';
import { ValidationError } from '$domain/errors';
import { PEPPER_ALIAS } from '$domain/rules';
import type { KeystoreAlias } from '$domain/entities';
import { REPLACEMENT_META_KEY } from './change-feed';
import { INSTANCE_TABLES, type InstanceDb, type InstanceTableName, type MetaEntry } from './db';
import { Problems, shapeProblems, tableProblems } from './instance-file-checks';
import { COMPANY_DATA_PENDING_KEY, INSTANCE_FORMAT_VERSION, replaceInstance, type InstanceContents } from './reset';

export const INSTANCE_FILE_FORMAT = 'actionflow-sandbox-instance';

/** What secrets a file holds, in sentences, and which were left out. */
export interface SecretsStatement {
  /** True when the keystore's secrets and HTTP actions' secret keys are in the file. */
  included: boolean;
  /** One paragraph saying what the file holds and how to treat it. */
  notice: string;
  /** Each kind of secret the file holds, as a sentence. */
  holds: string[];
  /** Each kind of secret the file leaves out, as a sentence. */
  leftOut: string[];
}

/** The exported file. */
export interface InstanceFile {
  format: typeof INSTANCE_FILE_FORMAT;
  formatVersion: number;
  exportedAt: string;
  secrets: SecretsStatement;
  tables: Record<InstanceTableName, unknown[]>;
}

/** How to export. */
export interface ExportOptions {
  /** Keep the keystore's secrets and HTTP actions' secret keys (default: leave them out). */
  secrets?: boolean;
  now?: Date;
}

/** An import refused: `problems` lists each thing wrong, as sentences. */
export class InstanceFileError extends ValidationError {
  override name = 'InstanceFileError';
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 5).join(' ');
    const more = problems.length > 5 ? ` (${problems.length - 5} more problems not shown.)` : '';
    super(`The file cannot be imported, and the instance was not changed. ${shown}${more}`, 'file');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Calls `visit` with each `secretKeys` list of an actionflow, however deep (the graph's shape belongs to the actionflow module). */
function eachSecretKeyList(value: unknown, visit: (keys: Record<string, unknown>[], path: string[]) => void, path: string[] = []): void {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v) => eachSecretKeyList(v, visit, path));
    return;
  }
  const named = typeof (value as { name?: unknown }).name === 'string' ? [...path, (value as { name: string }).name] : path;
  for (const [field, inner] of Object.entries(value)) {
    if (field === 'secretKeys' && Array.isArray(inner)) visit(inner.filter(isObject), named);
    else eachSecretKeyList(inner, visit, named);
  }
}

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** The sentences of a file's secrets statement, from what the export keeps. */
function statement(tables: Record<InstanceTableName, unknown[]>, included: boolean): SecretsStatement {
  const keystore = tables.keystore as KeystoreAlias[];
  const others = keystore.filter((k) => k.alias !== PEPPER_ALIAS).map((k) => k.alias);
  const httpSecrets: string[] = [];
  eachSecretKeyList(tables.actionflows, (keys, path) => {
    for (const key of keys) if (typeof key.name === 'string') httpSecrets.push(`${path.join(' → ')}: ${key.name}`);
  });
  const users = tables.users.length;
  const passwords = `the ${PEPPER_ALIAS} secret and the password hashes and salts of the ${users} user${users === 1 ? '' : 's'}, so that everyone can log in with their password after an import`;
  const sessions = 'No sessions: an import logs everyone out.';
  if (included) {
    return {
      included,
      notice:
        'This file holds secrets in clear: the keystore, the secret keys of HTTP actions and the password hashes. Anyone with it can sign API keys for this instance. Keep it as you would a password.',
      holds: [
        `The secrets of the keystore aliases ${list(keystore.map((k) => k.alias))}.`,
        ...(httpSecrets.length > 0 ? [`The secret keys of HTTP actions (${list(httpSecrets)}).`] : []),
        `${passwords.charAt(0).toUpperCase()}${passwords.slice(1)}.`,
      ],
      leftOut: [sessions],
    };
  }
  return {
    included,
    notice: `This file leaves the instance's secrets out, but for ${passwords}. An import makes fresh random keystore secrets, so API keys issued before no longer work.`,
    holds: [`${passwords.charAt(0).toUpperCase()}${passwords.slice(1)}.`],
    leftOut: [
      ...(others.length > 0 ? [`The secrets of the keystore aliases ${list(others)}: an import makes fresh random ones.`] : []),
      ...(httpSecrets.length > 0 ? [`The secret keys of HTTP actions (${list(httpSecrets)}): set them again after an import.`] : []),
      sessions,
    ],
  };
}

/**
 * Reads the whole instance into an {@link InstanceFile}, in one transaction. Without
 * `options.secrets`, the keystore's secrets (but the pepper) and HTTP actions' secret keys are left
 * out, and the trails are redacted once more against the secrets the file leaves out.
 */
export async function exportInstance(db: InstanceDb, options: ExportOptions = {}): Promise<InstanceFile> {
  const included = options.secrets === true;
  const tables = {} as Record<InstanceTableName, unknown[]>;
  await db.transaction('r', INSTANCE_TABLES.map((t) => db.table(t)), async () => {
    for (const name of INSTANCE_TABLES) tables[name] = name === 'sessions' ? [] : await db.table(name).toArray();
    // The replacement marker is this copy's own, and a first seed's pending mark is no fact of the
    // instance: neither is part of what the file describes.
    tables.meta = (tables.meta as MetaEntry[]).filter((m) => m.key !== REPLACEMENT_META_KEY && m.key !== COMPANY_DATA_PENDING_KEY);
  });
  if (!included) {
    const leftOut: string[] = [];
    tables.keystore = (tables.keystore as KeystoreAlias[]).map((k) => {
      if (k.alias === PEPPER_ALIAS) return k;
      leftOut.push(k.secret);
      return { ...k, secret: '', generated: true };
    });
    eachSecretKeyList(tables.actionflows, (keys) => {
      for (const key of keys) {
        if (typeof key.secret === 'string' && key.secret !== '') leftOut.push(key.secret);
        if (typeof key.secret === 'string') key.secret = '';
      }
    });
    const redactor = createRedactor(leftOut);
    tables.audit = tables.audit.map((e) => redactor.record(e as object));
    tables.requestLog = tables.requestLog.map((e) => redactor.record(e as object));
  }
  return {
    format: INSTANCE_FILE_FORMAT,
    formatVersion: INSTANCE_FORMAT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    secrets: statement(tables, included),
    tables,
  };
}

const TOP_LEVEL = ['format', 'formatVersion', 'exportedAt', 'secrets', 'tables'];

/** Checks a parsed file and returns its contents, or throws {@link InstanceFileError}. */
export function validateInstanceFile(data: unknown): InstanceContents {
  if (!isObject(data)) throw new InstanceFileError(['It is not a JSON object.']);
  if (data.format !== INSTANCE_FILE_FORMAT) {
    throw new InstanceFileError([
      `It is not an Actionflow Sandbox instance export: its "format" is ${JSON.stringify(data.format ?? null)}, not "${INSTANCE_FILE_FORMAT}".`,
    ]);
  }
  if (typeof data.formatVersion !== 'number' || !Number.isInteger(data.formatVersion) || data.formatVersion < 1) {
    throw new InstanceFileError(['Its "formatVersion" is missing or not a positive whole number.']);
  }
  if (data.formatVersion > INSTANCE_FORMAT_VERSION) {
    throw new InstanceFileError([
      `It was exported by a newer version of the sandbox (format version ${data.formatVersion}; this one reads up to ${INSTANCE_FORMAT_VERSION}).`,
    ]);
  }
  const problems = new Problems();
  shapeProblems(data, problems);
  if (problems.list.length > 0) throw new InstanceFileError(problems.list);
  for (const field of Object.keys(data)) if (!TOP_LEVEL.includes(field)) problems.add(`It has a field "${field}", which an instance file does not have.`);
  if (typeof data.exportedAt !== 'string' || Number.isNaN(Date.parse(data.exportedAt))) problems.add('Its "exportedAt" is missing or not a time.');
  // A file without a statement of its secrets (format 1, and early files of format 2) held them all.
  if (data.secrets !== undefined && (!isObject(data.secrets) || typeof data.secrets.included !== 'boolean')) {
    problems.add('Its "secrets" statement does not say whether the file includes secrets.');
  }
  if (!isObject(data.tables)) throw new InstanceFileError([...problems.list, 'It has no "tables" object.']);
  const tables = data.formatVersion === 1 ? fromFormat1(data.tables) : data.tables;
  for (const name of Object.keys(tables)) {
    if (!(INSTANCE_TABLES as readonly string[]).includes(name)) problems.add(`It has a table "${name}", which an instance does not have.`);
  }
  for (const name of INSTANCE_TABLES) if (!Array.isArray(tables[name])) problems.add(`Its table "${name}" is missing or not a list.`);
  if (problems.list.length > 0) throw new InstanceFileError(problems.list);
  tableProblems(tables as Record<InstanceTableName, unknown[]>, problems);
  if (problems.list.length > 0) throw new InstanceFileError(problems.list);
  // The graphs, read as the designer's save reads them (ROW_CHECKS.actionflows checked the rest).
  const read = readActionflows(tables.actionflows as Record<string, unknown>[]);
  if (read.problems.length > 0) throw new InstanceFileError(read.problems);
  // Actionflows are stored as read: defaults filled in, nothing the sandbox would not have saved.
  return { ...(tables as InstanceContents), actionflows: read.actionflows };
}

/**
 * A file of format 1 (before actionflows were graphs with mappings, and before runs were kept): its
 * actionflows are converted as a stored instance's are when it is opened, and it has no runs.
 */
function fromFormat1(tables: Record<string, unknown>): Record<string, unknown> {
  const rows = (name: string) => (Array.isArray(tables[name]) ? (tables[name] as unknown[]) : []);
  const appTables = rows('appTables') as Table[];
  const screens = rows('screens') as Screen[];
  const actionflows = Array.isArray(tables.actionflows)
    ? tables.actionflows.map((row) => (isActionflowV1(row) ? migrateActionflowV1(row, appTables, screens) : row))
    : tables.actionflows;
  // The instance it becomes is of the current format, as a stored instance is once upgraded.
  const meta = Array.isArray(tables.meta)
    ? tables.meta.map((row) => (isObject(row) && row.key === 'formatVersion' ? { ...row, value: INSTANCE_FORMAT_VERSION } : row))
    : tables.meta;
  return { ...tables, meta, actionflows, runs: tables.runs ?? [] };
}

/**
 * Each actionflow read as the designer's save reads it (its graph and its settings): a graph the
 * sandbox could not have saved is refused, naming the row and the field. Resolves to the rows as
 * read (defaults filled in), which are what the import stores.
 */
function readActionflows(rows: Record<string, unknown>[]): { actionflows: Actionflow[]; problems: string[] } {
  const problems: string[] = [];
  const actionflows: Actionflow[] = [];
  rows.forEach((row, i) => {
    const label = `Table "actionflows", row ${i + 1} (id ${JSON.stringify(row.id)})`;
    try {
      const reader = new Reader(row, '', `the actionflow ${String(row.name)}`);
      if (row.kind !== 'screen' && row.kind !== 'apiEndpoint') reader.fail(`Its kind must be screen or apiEndpoint, not ${JSON.stringify(row.kind)}.`, 'kind');
      const kind = row.kind as 'screen' | 'apiEndpoint';
      const base = newActionflow({ id: String(row.id), applicationId: String(row.applicationId), kind, name: String(row.name) });
      if (kind === 'apiEndpoint' && !isObject(row.api)) reader.fail('An end point needs its API settings (api).', 'api');
      const version = reader.field('version', `the version of the actionflow ${String(row.name)}`).number({ min: 1, max: Number.MAX_SAFE_INTEGER, integer: true });
      const settings = readSettings(reader, { ...base, name: '' }, `the actionflow ${String(row.name)}`);
      const graph = readGraph(reader);
      actionflows.push({ id: base.id, applicationId: base.applicationId, kind, version, ...settings, ...graph });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(`${label}${err.field ? `, field "${err.field}"` : ''}: ${err.message}`);
    }
  });
  return { actionflows, problems };
}

/** Parses file text as an instance export; bad JSON is refused like any other bad file. */
export function parseInstanceFile(text: string): InstanceContents {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // A value nested too deeply for the parser overflows its stack: that is a bad file too.
    throw new InstanceFileError([err instanceof RangeError ? `It is nested more deeply than any instance file is.` : 'It is not valid JSON.']);
  }
  return validateInstanceFile(data);
}

/**
 * Validates `data` and, only when it is a good instance file, replaces the instance with it:
 * without sessions (everyone is logged out), and with fresh random secrets for the keystore aliases
 * the file left out.
 */
export async function importInstance(db: InstanceDb, data: unknown, now: Date = new Date()): Promise<void> {
  const contents = typeof data === 'string' ? parseInstanceFile(data) : validateInstanceFile(data);
  await replaceInstance(db, {
    ...contents,
    sessions: [],
    keystore: withGeneratedSecrets((contents.keystore ?? []) as KeystoreAlias[], now.toISOString()),
  });
}
