/**
 * Entity types of the simulated PhixFlow repository. Pure data: these shapes are stored in the
 * training instance (IndexedDB), sent over the simulated server's HTTP API and read by lesson checks.
 * Names follow the platform's own words (see shared/reference/PLATFORM-FACTS.md).
 */
import type { Actionflow } from './actionflow';

export type { Actionflow } from './actionflow';

/** An application in the repository, e.g. "Actionflow Advanced". */
export interface Application {
  id: string;
  name: string;
  description: string;
}

/** The platform's attribute types, in the order its forms list them. */
export const ATTRIBUTE_TYPES = ['String', 'Bigstring', 'Integer', 'Decimal', 'Float', 'Boolean', 'Date', 'Datetime'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * One column of a table. `key` marks the attribute that identifies a record. `expression` is the
 * attribute's expression in the table's analysis model: when the table's analysis runs (an
 * Analysis action), it sets the attribute of each record it processes, with `in` the record and
 * `_context` the action's input parameters (e.g. `_context.Status`).
 */
export interface Attribute {
  name: string;
  type: AttributeType;
  key?: boolean;
  expression?: string;
}

/** A table of an application. Its records live in the instance's record store named by `store`. */
export interface Table {
  id: string;
  applicationId: string;
  name: string;
  /** Name of the instance store holding its records (e.g. `companies`). */
  store: RecordStoreName;
  attributes: Attribute[];
  /** Whether Save actions may write to it (the platform's "transactional" tables). */
  transactional?: boolean;
}

/**
 * The hidden attribute of a record that says which analysis run processed it: absent (or 0) for
 * records as loaded, `n` after the table's n-th run. A View with Data Range "Latest" keeps only the
 * records of the table's latest run.
 */
export const RUN_ATTRIBUTE = '_run';

/** The instance stores that hold Company Data records, one per table. */
export type RecordStoreName = 'companies' | 'orders' | 'orderLines' | 'additionalCompanies';

/** A record: attribute name → value. Values are JSON scalars. */
export type DataRecord = Record<string, string | number | boolean | null>;

export interface Company extends DataRecord {
  CompanyID: string;
  CompanyName: string;
  Industry: string;
  Status: string;
  Country: string;
  City: string;
  Employees: number;
  OnboardedDate: string;
}

export interface Order extends DataRecord {
  OrderID: string;
  CompanyID: string;
  OrderDate: string;
  Status: string;
  Currency: string;
  Total: number;
}

export interface OrderLine extends DataRecord {
  OrderLineID: string;
  OrderID: string;
  Product: string;
  Quantity: number;
  UnitPrice: number;
  LineTotal: number;
}

export type ScreenFieldType = 'String' | 'MultiLineString';

/** An input/display field on a screen. */
export interface ScreenField {
  name: string;
  label: string;
  type: ScreenFieldType;
}

/** A button on a screen; `actionflowId` is the actionflow it runs, if one is attached. */
export interface ScreenButton {
  name: string;
  label: string;
  actionflowId: string | null;
}

/** A data grid on a screen, showing the records of one table. */
export interface ScreenGrid {
  name: string;
  tableId: string;
  /** Attribute of this grid's table that filters by the selected record of `masterGrid`. */
  masterGrid?: string;
  masterAttribute?: string;
}

export interface Screen {
  id: string;
  applicationId: string;
  name: string;
  fields: ScreenField[];
  buttons: ScreenButton[];
  grids: ScreenGrid[];
}

/** A role of an application: holds privileges and user groups. */
export interface Role {
  id: string;
  applicationId: string;
  name: string;
  description: string;
  /** Privilege names from {@link PRIVILEGES}. */
  privileges: string[];
  /** Ids of user groups. */
  userGroupIds: string[];
}

/** A user group of the Full Repository: holds users. */
export interface UserGroup {
  id: string;
  name: string;
  description: string;
  /** Ids of users. */
  userIds: string[];
}

/** A user of the Full Repository. The password is stored only as a salted, peppered hash. */
export interface User {
  id: string;
  login: string;
  firstName: string;
  surname: string;
  enabled: boolean;
  passwordHash: string;
  passwordSalt: string;
  /** Users with design rights may change the repository (the trainee has them). */
  designer: boolean;
}

/** A user as the server shows it: never with the password hash or salt. */
export type PublicUser = Omit<User, 'passwordHash' | 'passwordSalt'>;

/** A keystore alias and its secret value (never sent back in clear once saved). */
export interface KeystoreAlias {
  alias: string;
  secret: string;
  updatedAt: string;
  /**
   * True while the secret is one the instance made for itself (see instance-secrets.ts), not one a
   * user set; an alias set through the keystore loses the mark.
   */
  generated?: boolean;
}

/** The record kept of a generated API key. The key itself is never stored. */
export interface ApiKeyRecord {
  jti: string;
  userId: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A logged-in session. `privileges` are those the user held at login and do not change after. */
export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  /** The last request made with it (sessions end after a period without one); createdAt when absent. */
  lastSeenAt?: string;
  privileges: string[];
}

export type AuditOutcome = 'success' | 'refused' | 'error';

/** One entry of the audit trail: every call to an end point and every actionflow run adds one. */
export interface AuditEntry {
  id?: number;
  at: string;
  /** Login of the user the call ran as, or `system` for anonymous calls. */
  runAs: string;
  /** Display name of that user ("API Agent"), or "System". */
  runAsName: string;
  actionflow: string;
  endpoint: string;
  outcome: AuditOutcome;
  status: number;
  code: string | null;
  reason: string | null;
}

/** One entry of the request log: every HTTP call the simulated server answered. */
export interface RequestLogEntry {
  id?: number;
  at: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  /** Request headers with the Authorization value redacted. */
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBody: string | null;
  responseBody: string | null;
}

/** Identifier used in the audit trail for anonymous calls. */
export const SYSTEM_USER = { login: 'system', name: 'System' } as const;

/** The name shown for a user ("API Agent"). */
export function displayName(user: Pick<User, 'firstName' | 'surname' | 'login'>): string {
  const name = `${user.firstName} ${user.surname}`.trim();
  return name || user.login;
}

export type AnyEntity = Application | Table | Screen | Actionflow | Role | UserGroup | User;
