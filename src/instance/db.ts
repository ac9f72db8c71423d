/**
 * The training instance in IndexedDB: one Dexie database holding the repository, the Company Data
 * records, the keystore, sessions, API key records, the audit trail, the request log and lesson
 * progress. Every schema version stays declared here; data migrations go in `upgrade()`.
 */
import Dexie, { type EntityTable, type Table as DexieTable } from 'dexie';
// The migration's own module, not the actionflow index: boot opens the database before it needs
// the action catalogue.
import { isActionflowV1, migrateActionflowV1 } from '$domain/actionflow/migrate';
import type { RunRecord } from '$domain/runs';
import type {
  Actionflow,
  ApiKeyRecord,
  Application,
  AuditEntry,
  Company,
  KeystoreAlias,
  Order,
  OrderLine,
  RequestLogEntry,
  Role,
  Screen,
  Session,
  Table,
  User,
  UserGroup,
} from '$domain/entities';

/** Instance-wide values: format version, which fixture seeded it, the browser's current session. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** Lesson progress of one chapter (written by src/lessons). */
export interface ProgressRecord {
  chapterId: string;
  value: unknown;
}

export const DEFAULT_DB_NAME = 'actionflow-sandbox';

/** The tables whose contents make up an instance (exported, imported, reset). */
export const INSTANCE_TABLES = [
  'meta',
  'applications',
  'appTables',
  'screens',
  'actionflows',
  'roles',
  'userGroups',
  'users',
  'keystore',
  'apiKeys',
  'sessions',
  'audit',
  'requestLog',
  'runs',
  'companies',
  'orders',
  'orderLines',
  'additionalCompanies',
] as const;
export type InstanceTableName = (typeof INSTANCE_TABLES)[number];

export class InstanceDb extends Dexie {
  meta!: DexieTable<MetaEntry, string>;
  applications!: EntityTable<Application, 'id'>;
  appTables!: EntityTable<Table, 'id'>;
  screens!: EntityTable<Screen, 'id'>;
  actionflows!: EntityTable<Actionflow, 'id'>;
  roles!: EntityTable<Role, 'id'>;
  userGroups!: EntityTable<UserGroup, 'id'>;
  users!: EntityTable<User, 'id'>;
  keystore!: EntityTable<KeystoreAlias, 'alias'>;
  apiKeys!: EntityTable<ApiKeyRecord, 'jti'>;
  sessions!: EntityTable<Session, 'id'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  requestLog!: EntityTable<RequestLogEntry, 'id'>;
  runs!: EntityTable<RunRecord, 'id'>;
  companies!: DexieTable<Company, string>;
  orders!: DexieTable<Order, string>;
  orderLines!: DexieTable<OrderLine, string>;
  additionalCompanies!: DexieTable<Company, string>;
  progress!: DexieTable<ProgressRecord, string>;

  #durable: InstanceDb | null = null;
  #created = false;

  /** True when this connection created the database (Dexie's `populate`): every table was empty
   * when it opened. */
  get created(): boolean {
    return this.#created;
  }

  /**
   * @param durability of write transactions. Relaxed by default: the instance is a training copy, and
   * flushing to disk on every write would triple the cost of each audited call. What must survive a
   * crash (a reset, an import, lesson progress) is written through {@link durable}.
   */
  constructor(name: string = DEFAULT_DB_NAME, durability: 'relaxed' | 'strict' = 'relaxed') {
    super(name, { chromeTransactionDurability: durability });
    this.on('populate', () => {
      this.#created = true;
    });
    this.version(1).stores({
      meta: '&key',
      applications: '&id, &name',
      appTables: '&id, applicationId, name',
      screens: '&id, applicationId, name',
      actionflows: '&id, applicationId, name, kind',
      roles: '&id, applicationId, name',
      userGroups: '&id, &name',
      users: '&id, &login',
      keystore: '&alias',
      apiKeys: '&jti, userId',
      sessions: '&id, userId',
      audit: '++id, at, runAs, actionflow',
      requestLog: '++id, at',
      companies: '&CompanyID, Industry, Country',
      orders: '&OrderID, CompanyID, OrderDate',
      orderLines: '&OrderLineID, OrderID',
      additionalCompanies: '&CompanyID',
      progress: '&chapterId',
    });
    // Version 2: actionflows are graphs of actions with positions and connections with mappings;
    // runs keep each actionflow run's outcome and trace.
    this.version(2)
      .stores({ runs: '&id, actionflowId, startedAt' })
      .upgrade(async (tx) => {
        const tables = await tx.table('appTables').toArray();
        const screens = await tx.table('screens').toArray();
        await tx
          .table('actionflows')
          .toCollection()
          .modify((flow: unknown, ref: { value: unknown }) => {
            if (isActionflowV1(flow)) ref.value = migrateActionflowV1(flow, tables, screens);
          });
      });
  }

  /**
   * A connection to the same database whose write transactions commit only once on disk (strict
   * durability): for instructor operations and progress, which a crash or power cut must not lose.
   */
  get durable(): InstanceDb {
    if (this._options.chromeTransactionDurability === 'strict') return this;
    this.#durable ??= new InstanceDb(this.name, 'strict');
    return this.#durable;
  }

  override close(options?: { disableAutoOpen: boolean }): void {
    this.#durable?.close(options);
    super.close(options);
  }

  /** The Dexie table behind an instance table name. */
  instanceTable(name: InstanceTableName): DexieTable<unknown, unknown> {
    return this.table(name);
  }
}
