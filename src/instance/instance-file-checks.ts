/**
 * Checking an instance file as deeply as the server checks the same data, so that an import can
 * never bring in what a form or the API would refuse, nor leave an instance whose pages fail. The
 * platform's rules come from one home ($domain/rules, $domain/repository-checks); each refusal is a
 * sentence naming the table, the row and the field.
 *
 * The checks run in order: the file's shape as JSON (nesting, numbers), then each row of each table
 * with its table's {@link ROW_CHECKS} entry, then what rows say about each other (unique names,
 * references). An actionflow's graph (its nodes and connections) is checked by the actionflow
 * module's own validation, which plugs into `ROW_CHECKS.actionflows`; here only the actionflow's
 * own settings are.
 */
import { analysisAttributeProblems, type ApiSettings } from '$domain/actionflow';
import { ATTRIBUTE_TYPES, RUN_ATTRIBUTE, type AttributeType, type RecordStoreName, type Table } from '$domain/entities';
import { ValidationError } from '$domain/errors';
import {
  checkActionflowName,
  checkApiSettings,
  checkDescription,
  checkExclusionGroup,
  checkKeystoreAlias,
  checkKeystoreSecret,
  checkLogin,
  checkName,
  checkPersonName,
  checkPrivileges,
} from '$domain/repository-checks';
import { IDENTIFIER_PATTERN, NAME_MAX_LENGTH, PEPPER_ALIAS, sameName } from '$domain/rules';
import { INSTANCE_TABLES, type InstanceTableName } from './db';
import { INSTANCE_FORMAT_VERSION } from './reset';

/** A row as it comes in the file. */
export type Row = Record<string, unknown>;

/** The deepest nesting a file may have (the deepest real value, an actionflow's action settings, is far less). */
export const MAX_FILE_DEPTH = 32;
/** The most problems collected before the check stops looking. */
export const MAX_PROBLEMS = 50;
/** The longest text a Company Data record may hold in one attribute. */
const MAX_RECORD_TEXT = 10_000;

/** The stores that hold Company Data records, with the attribute each is keyed by. */
export const RECORD_STORES: Readonly<Record<RecordStoreName, string>> = {
  companies: 'CompanyID',
  orders: 'OrderID',
  orderLines: 'OrderLineID',
  additionalCompanies: 'CompanyID',
};

/** The key field of each table's rows (null: numbered by the instance). */
export const TABLE_KEYS: Readonly<Record<InstanceTableName, string | null>> = {
  meta: 'key',
  applications: 'id',
  appTables: 'id',
  screens: 'id',
  actionflows: 'id',
  roles: 'id',
  userGroups: 'id',
  users: 'id',
  keystore: 'alias',
  apiKeys: 'jti',
  sessions: 'id',
  audit: 'id',
  requestLog: 'id',
  runs: 'id',
  companies: 'CompanyID',
  orders: 'OrderID',
  orderLines: 'OrderLineID',
  additionalCompanies: 'CompanyID',
};

/** Collects problems as sentences; stops taking more after {@link MAX_PROBLEMS}. */
export class Problems {
  readonly list: string[] = [];
  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }
  add(sentence: string): void {
    if (!this.full) this.list.push(sentence);
  }
}

/** Where a row is, for sentences: `Table "users", row 2 (id "user-x")`. */
export class RowAt {
  constructor(
    readonly table: InstanceTableName,
    /** 1-based. */
    readonly row: number,
    readonly key: unknown,
    private readonly problems: Problems,
  ) {}

  /** "Table "users", row 2 (id "user-x"), field "login"". */
  where(field?: string | null): string {
    const keyField = TABLE_KEYS[this.table];
    const key = keyField && (typeof this.key === 'string' || typeof this.key === 'number') ? ` (${keyField} ${JSON.stringify(this.key)})` : '';
    return `Table "${this.table}", row ${this.row}${key}${field ? `, field "${field}"` : ''}`;
  }

  /** Records a problem of `field`: `sentence` is a whole sentence. */
  problem(field: string | null, sentence: string): void {
    this.problems.add(`${this.where(field)}: ${sentence}`);
  }

  /** Runs a platform check that throws {@link ValidationError}, recording its sentence under its field. */
  attempt(field: string, check: () => void): boolean {
    try {
      check();
      return true;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      this.problem(err.field ?? field, err.message);
      return false;
    }
  }
}

/** What the checks of one row may look up in the rest of the file. */
export interface FileIndex {
  ids(table: InstanceTableName): ReadonlySet<unknown>;
  /** Attributes of the table kept in a store, when one table keeps it. */
  attributesOfStore(store: RecordStoreName): ReadonlyMap<string, { type: AttributeType; key: boolean }> | null;
}

/** A check of one row of one table. It records problems on `at`; it never throws for bad data. */
export type RowCheck = (row: Row, at: RowAt, file: FileIndex) => void;

const isObject = (v: unknown): v is Row => !!v && typeof v === 'object' && !Array.isArray(v);
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(v) && !Number.isNaN(Date.parse(v));
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Field readers that record a sentence when the value is not of its kind. */
function fields(row: Row, at: RowAt) {
  const has = (field: string, ok: boolean, need: string): boolean => {
    if (!ok) at.problem(field, `It must be ${need}, not ${describe(row[field])}.`);
    return ok;
  };
  return {
    only(allowed: readonly string[]): void {
      for (const name of Object.keys(row)) {
        if (!allowed.includes(name)) at.problem(name, `The row has a field "${name}", which this table's rows do not have (they have ${allowed.join(', ')}).`);
      }
    },
    string: (f: string) => has(f, typeof row[f] === 'string', 'text'),
    /** Text without spaces around it (the platform trims names before it saves them). */
    trimmed: (f: string) =>
      has(f, typeof row[f] === 'string', 'text') && has(f, (row[f] as string).trim() === row[f], 'text without spaces at its start or end, as the platform saves names'),
    id: (f: string) => has(f, typeof row[f] === 'string' && (row[f] as string).trim() !== '' && (row[f] as string).length <= 200, 'a non-empty text of at most 200 characters'),
    boolean: (f: string) => has(f, typeof row[f] === 'boolean', 'true or false'),
    optionalBoolean: (f: string) => has(f, row[f] === undefined || typeof row[f] === 'boolean', 'true or false, or left out'),
    time: (f: string) => has(f, isIsoTime(row[f]), 'a time in ISO form (2025-06-01T12:00:00.000Z)'),
    timeOrNull: (f: string) => has(f, row[f] === null || isIsoTime(row[f]), 'a time in ISO form, or null'),
    textOrNull: (f: string) => has(f, row[f] === null || typeof row[f] === 'string', 'text or null'),
    integer: (f: string, min: number, max: number) =>
      has(f, Number.isSafeInteger(row[f]) && (row[f] as number) >= min && (row[f] as number) <= max, `a whole number from ${min} to ${max}`),
    list: (f: string) => has(f, Array.isArray(row[f]), 'a list'),
    textList: (f: string) => has(f, Array.isArray(row[f]) && (row[f] as unknown[]).every((v) => typeof v === 'string'), 'a list of texts'),
    object: (f: string) => has(f, isObject(row[f]), 'an object'),
  };
}

/** A value as a sentence names it ("the number 3", "a list", "nothing"). */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `the text ${JSON.stringify(`${value.slice(0, 40)}…`)}` : `the text ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function noDuplicates(values: unknown[], at: RowAt, field: string, what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    const key = typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v);
    if (seen.has(key)) at.problem(field, `It lists ${what} ${JSON.stringify(v)} twice.`);
    seen.add(key);
  }
}

function references(values: unknown[], at: RowAt, field: string, target: ReadonlySet<unknown>, what: string): void {
  for (const v of values) if (!target.has(v)) at.problem(field, `It names ${what} ${JSON.stringify(v)}, which is not in the file.`);
}

const checkMeta: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['key', 'value']);
  if (!f.id('key')) return;
  if (row.key === 'formatVersion') f.integer('value', 1, INSTANCE_FORMAT_VERSION);
  if (row.key === 'fixture') f.string('value');
  if (typeof row.key === 'string' && row.key.endsWith('Dropped')) f.integer('value', 0, Number.MAX_SAFE_INTEGER);
};

const checkApplication: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['id', 'name', 'description']);
  f.id('id');
  const what = `the application ${String(row.name)}`;
  if (f.string('name')) at.attempt('name', () => checkName(row.name as string, what));
  if (f.string('description')) at.attempt('description', () => checkDescription(row.description as string, what));
};

const checkAppTable: RowCheck = (row, at, file) => {
  const f = fields(row, at);
  f.only(['id', 'applicationId', 'name', 'store', 'attributes', 'transactional']);
  f.optionalBoolean('transactional');
  f.id('id');
  if (f.id('applicationId')) references([row.applicationId], at, 'applicationId', file.ids('applications'), 'the application');
  if (f.string('name')) at.attempt('name', () => checkName(row.name as string, `the table ${String(row.name)}`));
  const store = row.store as RecordStoreName;
  if (!(typeof store === 'string' && Object.hasOwn(RECORD_STORES, store))) {
    at.problem('store', `A table's records must be kept in one of the stores ${Object.keys(RECORD_STORES).join(', ')}, not ${describe(row.store)}.`);
  }
  if (!f.list('attributes')) return;
  const attributes = row.attributes as unknown[];
  const names: unknown[] = [];
  attributes.forEach((raw, i) => {
    const field = `attributes[${i}]`;
    if (!isObject(raw)) return at.problem(field, `Each attribute must be an object with a name and a type, not ${describe(raw)}.`);
    const extra = Object.keys(raw).find((k) => !['name', 'type', 'key', 'expression'].includes(k));
    if (extra) at.problem(`${field}.${extra}`, `An attribute has a name, a type and maybe key and expression, not "${extra}".`);
    if (raw.expression !== undefined && typeof raw.expression !== 'string') at.problem(`${field}.expression`, `An attribute's expression must be text, not ${describe(raw.expression)}.`);
    if (typeof raw.name !== 'string' || !IDENTIFIER_PATTERN.test(raw.name)) {
      at.problem(`${field}.name`, `An attribute's name must start with a letter or underscore and hold only letters, digits and underscores, not ${describe(raw.name)}.`);
    }
    names.push(raw.name);
    if (!(ATTRIBUTE_TYPES as readonly string[]).includes(raw.type as string)) at.problem(`${field}.type`, `An attribute's type must be one of ${ATTRIBUTE_TYPES.join(', ')}, not ${describe(raw.type)}.`);
    if (raw.key !== undefined && typeof raw.key !== 'boolean') at.problem(`${field}.key`, `An attribute's key setting must be true or false, not ${describe(raw.key)}.`);
  });
  noDuplicates(names, at, 'attributes', 'the attribute');
  const keys = attributes.filter((a) => isObject(a) && a.key === true).map((a) => (a as Row).name);
  const storeKey = RECORD_STORES[store];
  if (storeKey && (keys.length !== 1 || keys[0] !== storeKey)) {
    at.problem('attributes', `The records of the store ${store} are keyed by ${storeKey}, so that attribute, and only it, must be the table's key.`);
  }
  // The analysis model, checked as the server checks an attribute's expression when it is edited.
  if (typeof row.name !== 'string' || !attributes.every((a) => isObject(a) && typeof a.name === 'string' && (a.expression === undefined || typeof a.expression === 'string'))) return;
  const table = row as unknown as Table;
  table.attributes.forEach((attribute, i) => {
    const [problem] = analysisAttributeProblems(table, attribute, null);
    if (problem) at.problem(`attributes[${i}].expression`, problem);
  });
};

const checkScreen: RowCheck = (row, at, file) => {
  const f = fields(row, at);
  f.only(['id', 'applicationId', 'name', 'fields', 'buttons', 'grids']);
  f.id('id');
  if (f.id('applicationId')) references([row.applicationId], at, 'applicationId', file.ids('applications'), 'the application');
  if (f.string('name')) at.attempt('name', () => checkName(row.name as string, `the screen ${String(row.name)}`));
  const items = (field: 'fields' | 'buttons' | 'grids', allowed: string[], each: (item: Row, where: string) => void) => {
    if (!f.list(field)) return;
    const names: unknown[] = [];
    (row[field] as unknown[]).forEach((raw, i) => {
      const where = `${field}[${i}]`;
      if (!isObject(raw)) return at.problem(where, `Each of a screen's ${field} must be an object, not ${describe(raw)}.`);
      const extra = Object.keys(raw).find((k) => !allowed.includes(k));
      if (extra) at.problem(`${where}.${extra}`, `A screen's ${field} have ${allowed.join(', ')}, not "${extra}".`);
      if (typeof raw.name !== 'string' || raw.name.trim() === '' || raw.name.length > NAME_MAX_LENGTH) {
        at.problem(`${where}.name`, `It must have a name of 1 to ${NAME_MAX_LENGTH} characters, not ${describe(raw.name)}.`);
      }
      names.push(raw.name);
      each(raw, where);
    });
    noDuplicates(names, at, field, 'the name');
  };
  const label = (item: Row, where: string) => {
    if (typeof item.label !== 'string' || item.label.length > NAME_MAX_LENGTH) at.problem(`${where}.label`, `Its label must be a text of at most ${NAME_MAX_LENGTH} characters, not ${describe(item.label)}.`);
  };
  items('fields', ['name', 'label', 'type'], (item, where) => {
    label(item, where);
    if (item.type !== 'String' && item.type !== 'MultiLineString') at.problem(`${where}.type`, `A screen field's type must be String or MultiLineString, not ${describe(item.type)}.`);
  });
  items('buttons', ['name', 'label', 'actionflowId'], (item, where) => {
    label(item, where);
    if (item.actionflowId !== null && !file.ids('actionflows').has(item.actionflowId)) {
      at.problem(`${where}.actionflowId`, `The button runs the actionflow ${describe(item.actionflowId)}, which is not in the file (use null for a button without one).`);
    }
  });
  const gridNames = Array.isArray(row.grids) ? (row.grids as unknown[]).map((g) => (isObject(g) ? g.name : undefined)) : [];
  items('grids', ['name', 'tableId', 'masterGrid', 'masterAttribute'], (item, where) => {
    if (!file.ids('appTables').has(item.tableId)) at.problem(`${where}.tableId`, `The grid shows the table ${describe(item.tableId)}, which is not in the file.`);
    if (item.masterGrid !== undefined && (item.masterGrid === item.name || !gridNames.includes(item.masterGrid))) {
      at.problem(`${where}.masterGrid`, `The grid follows the grid ${describe(item.masterGrid)}, which is not another grid of this screen.`);
    }
    if ((item.masterGrid === undefined) !== (item.masterAttribute === undefined)) {
      at.problem(`${where}.masterAttribute`, 'A grid that follows another needs both masterGrid and masterAttribute, and one that does not needs neither.');
    } else if (item.masterAttribute !== undefined && typeof item.masterAttribute !== 'string') {
      at.problem(`${where}.masterAttribute`, `The master attribute must be an attribute's name, not ${describe(item.masterAttribute)}.`);
    }
  });
};

const API_FIELDS = ['urlAlias', 'apiMode', 'allowAnonymousConnections', 'timeoutMs', 'logRequest', 'logResponse'];

/**
 * An actionflow's own settings: id, application, name, kind, description, API settings and
 * Exclusion Group. Its graph (`actions`, `connections`) must be lists here; what is inside them is
 * the actionflow module's to read (see the module comment).
 */
const checkActionflow: RowCheck = (row, at, file) => {
  // Fields the actionflow does not have are dropped by the actionflow reader (an import stores the
  // actionflow as read), which also checks the version.
  const f = fields(row, at);
  f.id('id');
  const what = `the actionflow ${String(row.name)}`;
  if (f.id('applicationId')) references([row.applicationId], at, 'applicationId', file.ids('applications'), 'the application');
  if (f.trimmed('name')) at.attempt('name', () => checkActionflowName(row.name as string, what));
  if (f.string('description')) at.attempt('description', () => checkDescription(row.description as string, what));
  if (f.trimmed('exclusionGroup')) at.attempt('exclusionGroup', () => checkExclusionGroup(row.exclusionGroup as string, what));
  if (row.kind !== 'screen' && row.kind !== 'apiEndpoint') {
    at.problem('kind', `An actionflow's kind must be screen or apiEndpoint, not ${describe(row.kind)}.`);
  } else if (row.kind === 'screen') {
    if (row.api !== null) at.problem('api', 'A screen actionflow has no API settings: its api must be null.');
  } else if (!isObject(row.api)) {
    at.problem('api', `An API end point needs its API settings (${API_FIELDS.join(', ')}), not ${describe(row.api)}.`);
  } else {
    const api = row.api;
    const missing = API_FIELDS.find((k) => !Object.hasOwn(api, k));
    const extra = Object.keys(api).find((k) => !API_FIELDS.includes(k));
    if (missing) at.problem(`api.${missing}`, `The API settings of ${what} need ${missing}.`);
    else if (extra) at.problem(`api.${extra}`, `The API settings of ${what} have ${API_FIELDS.join(', ')}, not "${extra}".`);
    else if (typeof api.urlAlias !== 'string') at.problem('api.urlAlias', `The URL Alias must be text, not ${describe(api.urlAlias)}.`);
    else at.attempt('api', () => checkApiSettings(api as unknown as ApiSettings, what));
  }
  f.list('actions');
  f.list('connections');
};

const checkRole: RowCheck = (row, at, file) => {
  const f = fields(row, at);
  f.only(['id', 'applicationId', 'name', 'description', 'privileges', 'userGroupIds']);
  f.id('id');
  const what = `the role ${String(row.name)}`;
  if (f.id('applicationId')) references([row.applicationId], at, 'applicationId', file.ids('applications'), 'the application');
  if (f.trimmed('name')) at.attempt('name', () => checkName(row.name as string, what));
  if (f.string('description')) at.attempt('description', () => checkDescription(row.description as string, what));
  if (f.textList('privileges')) {
    at.attempt('privileges', () => checkPrivileges(row.privileges as string[], what));
    noDuplicates(row.privileges as string[], at, 'privileges', 'the privilege');
  }
  if (f.textList('userGroupIds')) {
    references(row.userGroupIds as string[], at, 'userGroupIds', file.ids('userGroups'), 'the user group');
    noDuplicates(row.userGroupIds as string[], at, 'userGroupIds', 'the user group');
  }
};

const checkUserGroup: RowCheck = (row, at, file) => {
  const f = fields(row, at);
  f.only(['id', 'name', 'description', 'userIds']);
  f.id('id');
  const what = `the user group ${String(row.name)}`;
  if (f.trimmed('name')) at.attempt('name', () => checkName(row.name as string, what));
  if (f.string('description')) at.attempt('description', () => checkDescription(row.description as string, what));
  if (f.textList('userIds')) {
    references(row.userIds as string[], at, 'userIds', file.ids('users'), 'the user');
    noDuplicates(row.userIds as string[], at, 'userIds', 'the user');
  }
};

const checkUser: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['id', 'login', 'firstName', 'surname', 'enabled', 'designer', 'passwordHash', 'passwordSalt']);
  f.id('id');
  const what = `the user ${String(row.login)}`;
  if (f.trimmed('login')) at.attempt('login', () => checkLogin(row.login as string, what));
  for (const field of ['firstName', 'surname'] as const) {
    if (f.trimmed(field)) at.attempt(field, () => checkPersonName(row[field] as string, field, what));
  }
  f.boolean('enabled');
  f.boolean('designer');
  if (typeof row.passwordHash !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(row.passwordHash)) {
    at.problem('passwordHash', 'It must be a password hash as the sandbox stores it (32 bytes in base64).');
  }
  if (typeof row.passwordSalt !== 'string' || row.passwordSalt === '' || row.passwordSalt.length > 200) {
    at.problem('passwordSalt', 'It must be the non-empty salt the password was hashed with.');
  }
};

const checkKeystoreRow: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['alias', 'secret', 'updatedAt', 'generated']);
  f.time('updatedAt');
  f.optionalBoolean('generated');
  if (!f.string('alias') || !at.attempt('alias', () => checkKeystoreAlias(row.alias as string))) return;
  if (!f.string('secret')) return;
  const alias = row.alias as string;
  // An empty secret marked generated is one the file left out: the import makes a fresh one.
  if (row.secret === '' && row.generated === true && alias !== PEPPER_ALIAS) return;
  at.attempt('secret', () => checkKeystoreSecret(alias, row.secret as string));
};

const checkApiKey: RowCheck = (row, at, file) => {
  const f = fields(row, at);
  f.only(['jti', 'userId', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt']);
  f.id('jti');
  if (f.id('userId')) references([row.userId], at, 'userId', file.ids('users'), 'the user');
  f.time('createdAt');
  f.timeOrNull('lastUsedAt');
  f.timeOrNull('revokedAt');
  if (f.timeOrNull('expiresAt') && isIsoTime(row.expiresAt) && isIsoTime(row.createdAt) && row.expiresAt <= row.createdAt) {
    at.problem('expiresAt', 'A key must expire after it was created.');
  }
};

/** Sessions are never imported (an import logs everyone out); older files that hold some pass. */
const checkSession: RowCheck = (row, at) => {
  fields(row, at).id('id');
};

// An export numbers every entry; a row without its number would come back numbered anew.
const trailId = (row: Row, at: RowAt) => fields(row, at).integer('id', 1, Number.MAX_SAFE_INTEGER);

const checkAuditEntry: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['id', 'at', 'runAs', 'runAsName', 'actionflow', 'endpoint', 'outcome', 'status', 'code', 'reason']);
  trailId(row, at);
  f.time('at');
  for (const field of ['runAs', 'runAsName', 'actionflow', 'endpoint']) f.string(field);
  if (!['success', 'refused', 'error'].includes(row.outcome as string)) at.problem('outcome', `The outcome must be success, refused or error, not ${describe(row.outcome)}.`);
  f.integer('status', 100, 599);
  f.textOrNull('code');
  f.textOrNull('reason');
};

const headerMap = (row: Row, at: RowAt, field: string) => {
  const value = row[field];
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) at.problem(field, 'It must be an object of header names and their texts.');
};

const checkRequestLogEntry: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['id', 'at', 'method', 'url', 'status', 'durationMs', 'requestHeaders', 'responseHeaders', 'requestBody', 'responseBody']);
  trailId(row, at);
  f.time('at');
  f.string('method');
  f.string('url');
  f.integer('status', 100, 599);
  if (typeof row.durationMs !== 'number' || !(row.durationMs >= 0)) at.problem('durationMs', `It must be a number of milliseconds, not ${describe(row.durationMs)}.`);
  headerMap(row, at, 'requestHeaders');
  headerMap(row, at, 'responseHeaders');
  f.textOrNull('requestBody');
  f.textOrNull('responseBody');
};

const RUN_STATUSES = ['running', 'succeeded', 'failed', 'stopped', 'timedOut', 'refused'];

/**
 * A run record: its own fields. Its trace and answer are the run orchestrator's (objects or null
 * here), as an actionflow's graph is the actionflow module's.
 */
const checkRun: RowCheck = (row, at) => {
  const f = fields(row, at);
  f.only(['id', 'actionflowId', 'actionflowName', 'version', 'origin', 'runAs', 'startedAt', 'endedAt', 'status', 'message', 'trace', 'answer']);
  f.id('id');
  f.id('actionflowId');
  f.string('actionflowName');
  f.integer('version', 1, Number.MAX_SAFE_INTEGER);
  const origin = row.origin;
  if (!isObject(origin) || (origin.kind !== 'endpoint' && origin.kind !== 'button') || typeof origin.label !== 'string') {
    at.problem('origin', 'It must say where the run came from: an object with kind endpoint or button and a label.');
  }
  f.string('runAs');
  f.time('startedAt');
  f.timeOrNull('endedAt');
  if (!RUN_STATUSES.includes(row.status as string)) at.problem('status', `A run's status must be one of ${RUN_STATUSES.join(', ')}, not ${describe(row.status)}.`);
  f.textOrNull('message');
  for (const field of ['trace', 'answer']) if (row[field] !== null && !isObject(row[field])) at.problem(field, `It must be an object or null, not ${describe(row[field])}.`);
};

/** A Company Data record against the attributes of the table that keeps its store. */
function recordCheck(store: RecordStoreName): RowCheck {
  return (row, at, file) => {
    // Without its table the records are refused as a whole (see tableProblems).
    const attributes = file.attributesOfStore(store);
    if (!attributes) return;
    for (const name of Object.keys(row)) {
      if (name === RUN_ATTRIBUTE) {
        // Which analysis run processed the record (see RUN_ATTRIBUTE).
        if (!Number.isSafeInteger(row[name]) || (row[name] as number) < 0) at.problem(name, `It must be the number of the analysis run that processed the record, not ${describe(row[name])}.`);
      } else if (!attributes.has(name)) at.problem(name, `The record has a field "${name}", which is not an attribute of its table.`);
    }
    for (const [name, { type, key }] of attributes) {
      const value = row[name];
      if (value === undefined) {
        at.problem(name, `The record has no value for the attribute ${name} (use null for none).`);
        continue;
      }
      if (value === null) {
        if (key) at.problem(name, `The key attribute ${name} must have a value.`);
        continue;
      }
      const text = typeof value === 'string' && (!key || value.trim() !== '');
      const ok =
        type === 'String' ? text && (value as string).length <= MAX_RECORD_TEXT
        : type === 'Bigstring' ? text
        : type === 'Integer' ? Number.isSafeInteger(value)
        : type === 'Decimal' || type === 'Float' ? typeof value === 'number' && Number.isFinite(value)
        : type === 'Date' ? isDate(value)
        : type === 'Datetime' ? isIsoTime(value)
        : typeof value === 'boolean';
      const need = {
        String: `a text of at most ${MAX_RECORD_TEXT} characters`,
        Bigstring: 'a text',
        Integer: 'a whole number',
        Decimal: 'a number',
        Float: 'a number',
        Date: 'a date such as 2025-06-01',
        Datetime: 'a time in ISO form (2025-06-01T12:00:00.000Z)',
        Boolean: 'true or false',
      }[type];
      if (!ok) at.problem(name, `The attribute ${name} is of type ${type}, so its value must be ${need}, not ${describe(value)}.`);
    }
  };
}

/** The check of each table's rows. */
export const ROW_CHECKS: Record<InstanceTableName, RowCheck> = {
  meta: checkMeta,
  applications: checkApplication,
  appTables: checkAppTable,
  screens: checkScreen,
  actionflows: checkActionflow,
  roles: checkRole,
  userGroups: checkUserGroup,
  users: checkUser,
  keystore: checkKeystoreRow,
  apiKeys: checkApiKey,
  sessions: checkSession,
  audit: checkAuditEntry,
  requestLog: checkRequestLogEntry,
  runs: checkRun,
  companies: recordCheck('companies'),
  orders: recordCheck('orders'),
  orderLines: recordCheck('orderLines'),
  additionalCompanies: recordCheck('additionalCompanies'),
};

/**
 * Walks the whole value without recursion: refuses nesting deeper than {@link MAX_FILE_DEPTH}
 * (which would overflow the stack of whatever reads it next) and numbers that are not finite
 * (`1e999` parses as Infinity), naming where.
 */
export function shapeProblems(data: unknown, problems: Problems): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: data, path: 'the file', depth: 0 }];
  while (stack.length > 0 && !problems.full) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) problems.add(`The value at ${path} is a number too large to store (${String(value)}).`);
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_FILE_DEPTH) {
      problems.add(`The value at ${path} is nested more than ${MAX_FILE_DEPTH} levels deep, which no part of an instance is.`);
      continue;
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]`, depth: depth + 1 }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: `${path}.${k}`, depth: depth + 1 });
  }
}

/** Checks every row of every table, then the rules across rows. `tables` has a list for every table. */
export function tableProblems(tables: Record<InstanceTableName, unknown[]>, problems: Problems): void {
  const idSets = new Map<InstanceTableName, Set<unknown>>();
  const file: FileIndex = {
    ids(table) {
      let set = idSets.get(table);
      if (!set) {
        const key = TABLE_KEYS[table]!;
        idSets.set(table, (set = new Set(tables[table].filter(isObject).map((r) => r[key]))));
      }
      return set;
    },
    attributesOfStore(store) {
      const keeping = tables.appTables.filter((t) => isObject(t) && t.store === store && Array.isArray(t.attributes));
      if (keeping.length !== 1) return null;
      const attributes = new Map<string, { type: AttributeType; key: boolean }>();
      for (const a of (keeping[0] as Row).attributes as unknown[]) {
        if (isObject(a) && typeof a.name === 'string') attributes.set(a.name, { type: a.type as AttributeType, key: a.key === true });
      }
      return attributes;
    },
  };
  // The attributes of a store are looked up once per table, not once per record.
  const attributeCache = new Map<RecordStoreName, ReturnType<FileIndex['attributesOfStore']>>();
  const cachedFile: FileIndex = {
    ids: file.ids,
    attributesOfStore: (store) => {
      if (!attributeCache.has(store)) attributeCache.set(store, file.attributesOfStore(store));
      return attributeCache.get(store)!;
    },
  };
  for (const table of INSTANCE_TABLES) {
    const key = TABLE_KEYS[table];
    const seen = new Set<unknown>();
    const rows = tables[table];
    if (Object.hasOwn(RECORD_STORES, table) && rows.length > 0 && !cachedFile.attributesOfStore(table as RecordStoreName)) {
      problems.add(`Table "${table}" holds ${rows.length} record${rows.length === 1 ? '' : 's'}, but no table of the file keeps its records in the store ${table} (or more than one does), so they could not be shown.`);
      continue;
    }
    for (let i = 0; i < rows.length && !problems.full; i++) {
      const row = rows[i];
      const at = new RowAt(table, i + 1, isObject(row) && key ? row[key] : undefined, problems);
      if (!isObject(row)) {
        at.problem(null, `Each row must be an object, not ${describe(row)}.`);
        continue;
      }
      if (key && row[key] !== undefined) {
        if (seen.has(row[key])) at.problem(key, `The ${key} ${JSON.stringify(row[key])} is already used by an earlier row of the table; each row needs its own.`);
        seen.add(row[key]);
      }
      ROW_CHECKS[table](row, at, cachedFile);
    }
  }
  if (!problems.full) acrossRows(tables, problems);
}

/** Rules across rows: names unique where the platform keeps them unique, stores kept by one table. */
function acrossRows(t: Record<InstanceTableName, unknown[]>, problems: Problems): void {
  const unique = (table: InstanceTableName, name: (r: Row) => unknown, scope: (r: Row) => unknown, what: string, field: string) => {
    const seen = new Map<string, number>();
    (t[table] as unknown[]).forEach((raw, i) => {
      if (!isObject(raw)) return;
      const value = name(raw);
      if (typeof value !== 'string' || value === '') return;
      const key = `${String(scope(raw))}\u0000${value.trim().toLowerCase()}`;
      const first = seen.get(key);
      if (first !== undefined) {
        new RowAt(table, i + 1, raw[TABLE_KEYS[table]!], problems).problem(field, `Row ${first} of the table already has ${what} ${JSON.stringify(value)} (names are compared ignoring case), and two would clash.`);
      } else seen.set(key, i + 1);
    });
  };
  unique('applications', (r) => r.name, () => '', 'an application named', 'name');
  unique('users', (r) => r.login, () => '', 'a user with the login', 'login');
  unique('userGroups', (r) => r.name, () => '', 'a user group named', 'name');
  unique('roles', (r) => r.name, (r) => r.applicationId, 'a role of the same application named', 'name');
  unique('appTables', (r) => r.name, (r) => r.applicationId, 'a table of the same application named', 'name');
  unique('screens', (r) => r.name, (r) => r.applicationId, 'a screen of the same application named', 'name');
  unique('actionflows', (r) => r.name, (r) => r.applicationId, 'an actionflow of the same application named', 'name');
  unique('actionflows', (r) => (isObject(r.api) ? r.api.urlAlias : undefined), () => '', 'an end point with the URL Alias', 'api.urlAlias');
  unique('appTables', (r) => r.store, () => '', 'a table kept in the store', 'store');
  const version = t.meta.find((m) => isObject(m) && m.key === 'formatVersion');
  if (!version) problems.add('The table "meta" has no formatVersion row, without which the sandbox would take the instance for an empty one and seed it afresh.');
  if (!t.keystore.some((k) => isObject(k) && k.alias === PEPPER_ALIAS && typeof k.secret === 'string' && k.secret !== '')) {
    problems.add(`The table "keystore" has no ${PEPPER_ALIAS} secret, which every stored password depends on.`);
  }
  const ids = (table: InstanceTableName) => new Set(t[table].filter(isObject).map((r) => r[TABLE_KEYS[table]!]));
  const companies = ids('companies');
  const orders = ids('orders');
  const orphan = (table: InstanceTableName, field: string, target: Set<unknown>, what: string) => {
    const i = t[table].findIndex((r) => isObject(r) && !target.has(r[field]));
    if (i >= 0) {
      const count = t[table].filter((r) => isObject(r) && !target.has(r[field])).length;
      new RowAt(table, i + 1, (t[table][i] as Row)[TABLE_KEYS[table]!], problems).problem(field, `It belongs to ${what} ${JSON.stringify((t[table][i] as Row)[field])}, which is not in the file (${count} row${count === 1 ? '' : 's'} of the table are like it).`);
    }
  };
  orphan('orders', 'CompanyID', companies, 'the company');
  orphan('orderLines', 'OrderID', orders, 'the order');
}
