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
  /**
   * The audit trail as checks ask for it: entries matching some fields, or their count, within the
   * window the snapshot offers (since the chapter started), never the whole trail.
   */
  audit: AuditTrail;
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

/** Audit entries offered as queries over a window (entries at or after `since`). */
export interface AuditTrail {
  /** ISO time the window starts at; null when the whole trail is offered (tests, full snapshots). */
  readonly since: string | null;
  /** Entries that match every given field, oldest first. */
  entries(match?: Partial<AuditEntry>): AuditEntry[];
  /** How many entries match every given field. */
  count(match?: Partial<AuditEntry>): number;
}

/** True when `entry` has every field of `match` equal. */
export function auditMatches(entry: AuditEntry, match: Partial<AuditEntry>): boolean {
  for (const k in match) if (entry[k as keyof AuditEntry] !== match[k as keyof AuditEntry]) return false;
  return true;
}

/**
 * An {@link AuditTrail} over entries already read (oldest first). A class, so that two trails of
 * the same entries are equal (tests compare snapshots).
 */
export class AuditWindow implements AuditTrail {
  constructor(
    /** The entries offered, oldest first. */
    readonly window: readonly AuditEntry[],
    readonly since: string | null = null,
  ) {}

  entries(match: Partial<AuditEntry> = {}): AuditEntry[] {
    return this.window.filter((e) => auditMatches(e, match));
  }

  count(match: Partial<AuditEntry> = {}): number {
    let n = 0;
    for (const e of this.window) if (auditMatches(e, match)) n += 1;
    return n;
  }
}

/** An {@link AuditTrail} over entries already read (oldest first), offering those at or after `since`. */
export function auditTrailOf(all: readonly AuditEntry[], since: string | null = null): AuditTrail {
  return new AuditWindow(since === null ? all : all.filter((e) => e.at >= since), since);
}

/** How many of the latest request log entries a snapshot carries. */
export const SNAPSHOT_REQUEST_LOG = 100;
