/**
 * Export and import of a whole training instance as one JSON file. An import is validated fully
 * before anything is written; a bad or foreign file is refused with the list of its problems and the
 * instance stays as it was.
 */
import { isActionflowV1, migrateActionflowV1, newActionflow, readGraph, readSettings, Reader } from '$domain/actionflow';
import type { Actionflow, Screen, Table } from '$domain/entities';
import { ValidationError } from '$domain/errors';
import { INSTANCE_TABLES, type InstanceDb, type InstanceTableName } from './db';
import { INSTANCE_FORMAT_VERSION, replaceInstance, type InstanceContents } from './reset';

export const INSTANCE_FILE_FORMAT = 'actionflow-sandbox-instance';

/** The exported file. */
export interface InstanceFile {
  format: typeof INSTANCE_FILE_FORMAT;
  formatVersion: number;
  exportedAt: string;
  tables: Record<InstanceTableName, unknown[]>;
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

/** Reads the whole instance into an {@link InstanceFile}, in one transaction. */
export async function exportInstance(db: InstanceDb, now: Date = new Date()): Promise<InstanceFile> {
  const tables = {} as Record<InstanceTableName, unknown[]>;
  await db.transaction('r', INSTANCE_TABLES.map((t) => db.table(t)), async () => {
    for (const name of INSTANCE_TABLES) tables[name] = await db.table(name).toArray();
  });
  return { format: INSTANCE_FILE_FORMAT, formatVersion: INSTANCE_FORMAT_VERSION, exportedAt: now.toISOString(), tables };
}

type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string?' | 'number?';

/** For each table: its key field and the fields every row must have, with their JSON types. */
const ROW_SHAPES: Record<InstanceTableName, { key: string | null; fields: Record<string, FieldType> }> = {
  meta: { key: 'key', fields: { key: 'string' } },
  applications: { key: 'id', fields: { id: 'string', name: 'string' } },
  appTables: { key: 'id', fields: { id: 'string', applicationId: 'string', name: 'string', store: 'string', attributes: 'array' } },
  screens: { key: 'id', fields: { id: 'string', applicationId: 'string', name: 'string', fields: 'array', buttons: 'array', grids: 'array' } },
  actionflows: {
    key: 'id',
    fields: { id: 'string', applicationId: 'string', name: 'string', kind: 'string', exclusionGroup: 'string', actions: 'array', connections: 'array', version: 'number' },
  },
  roles: { key: 'id', fields: { id: 'string', applicationId: 'string', name: 'string', privileges: 'array', userGroupIds: 'array' } },
  userGroups: { key: 'id', fields: { id: 'string', name: 'string', userIds: 'array' } },
  users: {
    key: 'id',
    fields: { id: 'string', login: 'string', firstName: 'string', surname: 'string', enabled: 'boolean', passwordHash: 'string', passwordSalt: 'string', designer: 'boolean' },
  },
  keystore: { key: 'alias', fields: { alias: 'string', secret: 'string' } },
  apiKeys: { key: 'jti', fields: { jti: 'string', userId: 'string', createdAt: 'string' } },
  sessions: { key: 'id', fields: { id: 'string', userId: 'string', privileges: 'array' } },
  audit: { key: null, fields: { at: 'string', runAs: 'string', outcome: 'string', status: 'number' } },
  requestLog: { key: null, fields: { at: 'string', method: 'string', url: 'string', status: 'number' } },
  runs: { key: 'id', fields: { id: 'string', actionflowId: 'string', startedAt: 'string', status: 'string' } },
  companies: { key: 'CompanyID', fields: { CompanyID: 'string', CompanyName: 'string' } },
  orders: { key: 'OrderID', fields: { OrderID: 'string', CompanyID: 'string' } },
  orderLines: { key: 'OrderLineID', fields: { OrderLineID: 'string', OrderID: 'string' } },
  additionalCompanies: { key: 'CompanyID', fields: { CompanyID: 'string', CompanyName: 'string' } },
};

function typeOk(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return !!value && typeof value === 'object' && !Array.isArray(value);
    case 'string?':
      return value === null || typeof value === 'string';
    case 'number?':
      return value === null || typeof value === 'number';
    default:
      return typeof value === type;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

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
  if (!isObject(data.tables)) throw new InstanceFileError(['It has no "tables" object.']);
  const problems: string[] = [];
  const tables = data.formatVersion === 1 ? fromFormat1(data.tables) : data.tables;
  for (const name of Object.keys(tables)) {
    if (!(INSTANCE_TABLES as readonly string[]).includes(name)) problems.push(`It has a table "${name}", which an instance does not have.`);
  }
  for (const name of INSTANCE_TABLES) {
    const rows = tables[name];
    if (!Array.isArray(rows)) {
      problems.push(`Its table "${name}" is missing or not a list.`);
      continue;
    }
    const shape = ROW_SHAPES[name];
    const keys = new Set<unknown>();
    rows.forEach((row, i) => {
      if (!isObject(row)) {
        problems.push(`Row ${i + 1} of table "${name}" is not an object.`);
        return;
      }
      for (const [field, type] of Object.entries(shape.fields)) {
        if (!typeOk(row[field], type)) problems.push(`Row ${i + 1} of table "${name}" has no valid "${field}" (a ${type} is needed).`);
      }
      if (shape.key) {
        if (keys.has(row[shape.key])) problems.push(`Table "${name}" has the ${shape.key} ${JSON.stringify(row[shape.key])} more than once.`);
        keys.add(row[shape.key]);
      }
    });
  }
  let actionflows: unknown[] = [];
  if (problems.length === 0) {
    const read = readActionflows(tables.actionflows as Record<string, unknown>[]);
    problems.push(...read.problems);
    actionflows = read.actionflows;
  }
  if (problems.length === 0) problems.push(...referenceProblems(tables as Record<InstanceTableName, Record<string, unknown>[]>));
  if (problems.length > 0) throw new InstanceFileError(problems);
  // Actionflows are stored as read: defaults filled in, nothing the sandbox would not have saved.
  return { ...(tables as InstanceContents), actionflows };
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
    const label = `Row ${i + 1} of table "actionflows" (the actionflow ${String(row.name)})`;
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
      problems.push(`${label}: ${err.message}${err.field ? ` (field ${err.field})` : ''}`);
    }
  });
  return { actionflows, problems };
}

/** References between rows that must hold (groups in roles, users in groups, actionflows on buttons…). */
function referenceProblems(t: Record<InstanceTableName, Record<string, unknown>[]>): string[] {
  const problems: string[] = [];
  const ids = (rows: Record<string, unknown>[], key = 'id') => new Set(rows.map((r) => r[key]));
  const apps = ids(t.applications);
  const groups = ids(t.userGroups);
  const users = ids(t.users);
  const flows = ids(t.actionflows);
  const companies = ids(t.companies, 'CompanyID');
  const orders = ids(t.orders, 'OrderID');
  for (const r of [...t.appTables, ...t.screens, ...t.actionflows, ...t.roles]) {
    if (!apps.has(r.applicationId)) problems.push(`${String(r.name)} belongs to an application (${String(r.applicationId)}) that is not in the file.`);
  }
  for (const role of t.roles) {
    for (const g of role.userGroupIds as unknown[]) if (!groups.has(g)) problems.push(`The role ${String(role.name)} lists a user group (${String(g)}) that is not in the file.`);
  }
  for (const group of t.userGroups) {
    for (const u of group.userIds as unknown[]) if (!users.has(u)) problems.push(`The user group ${String(group.name)} lists a user (${String(u)}) that is not in the file.`);
  }
  for (const screen of t.screens) {
    for (const b of screen.buttons as { name?: unknown; actionflowId?: unknown }[]) {
      if (b.actionflowId != null && !flows.has(b.actionflowId)) {
        problems.push(`The button ${String(b.name)} of the screen ${String(screen.name)} runs an actionflow (${String(b.actionflowId)}) that is not in the file.`);
      }
    }
  }
  for (const key of t.apiKeys) if (!users.has(key.userId)) problems.push(`An API key record belongs to a user (${String(key.userId)}) that is not in the file.`);
  const orphanOrders = t.orders.filter((o) => !companies.has(o.CompanyID)).length;
  if (orphanOrders) problems.push(`${orphanOrders} orders belong to companies that are not in the file.`);
  const orphanLines = t.orderLines.filter((l) => !orders.has(l.OrderID)).length;
  if (orphanLines) problems.push(`${orphanLines} order lines belong to orders that are not in the file.`);
  return problems;
}

/** Parses file text as an instance export; bad JSON is refused like any other bad file. */
export function parseInstanceFile(text: string): InstanceContents {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InstanceFileError(['It is not valid JSON.']);
  }
  return validateInstanceFile(data);
}

/** Validates `data` and, only when it is a good instance file, replaces the instance with it. */
export async function importInstance(db: InstanceDb, data: unknown): Promise<void> {
  const contents = typeof data === 'string' ? parseInstanceFile(data) : validateInstanceFile(data);
  await replaceInstance(db, contents);
}
