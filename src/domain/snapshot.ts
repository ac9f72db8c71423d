/**
 * A read-only picture of a training instance's repository and trails, taken at one moment.
 * Lesson checks are pure functions over it; the instance module builds it from IndexedDB.
 * Of the Company Data, only the companies are included (the import chapter checks its results from
 * them); orders and order lines, the large tables, are not.
 */
import type {
  Actionflow,
  ApiKeyRecord,
  Application,
  AuditEntry,
  Company,
  KeystoreAlias,
  PublicUser,
  RequestLogEntry,
  Role,
  Screen,
  Session,
  Table,
  UserGroup,
} from './entities';

export interface InstanceSnapshot {
  applications: Application[];
  tables: Table[];
  screens: Screen[];
  actionflows: Actionflow[];
  roles: Role[];
  userGroups: UserGroup[];
  users: PublicUser[];
  /** Aliases with their secrets: checks may test a secret's length, never show it. */
  keystore: KeystoreAlias[];
  apiKeys: ApiKeyRecord[];
  sessions: Session[];
  /** The session the browser is logged in with, if any. */
  currentSessionId: string | null;
  audit: AuditEntry[];
  /** Records of the Companies table (absent in snapshots made without Company Data). */
  companies?: Company[];
  /** Records of AdditionalCompanies_Processed, the companies waiting to be imported. */
  additionalCompanies?: Company[];
  /**
   * The latest entries of the request log (at most {@link SNAPSHOT_REQUEST_LOG}), oldest first: a
   * check that needs the URL a call was made with (its query parameters) reads it here, since the
   * audit trail keeps only the path. Absent in snapshots made by hand.
   */
  requestLog?: RequestLogEntry[];
}

/** How many of the latest request log entries a snapshot carries. */
export const SNAPSHOT_REQUEST_LOG = 100;
