/**
 * Request and response shapes of the sandbox's own HTTP API (`/sandbox/api/...`) as the client sees
 * them, and the {@link SandboxClient} interface the UI and the lesson engine code against.
 */
import type { Actionflow, HttpMethod, HttpOutput, NamedExpression, RunTrace, SecretKey } from '$domain/actionflow';
import type { ActionflowPatch, ActionflowSave, ButtonRunAnswer, ClockView, NewActionflow, SavedActionflow } from '$domain/contract';
import type { RunningRun, RunRecord } from '$domain/runs';
import type {
  ApiKeyRecord,
  Application,
  AuditEntry,
  AuditOutcome,
  DataRecord,
  PublicUser,
  RequestLogEntry,
  Role,
  Screen,
  Table,
  UserGroup,
} from '$domain/entities';
import type { InstanceFile } from '$instance/instance-file';
import type { MASKED_SECRET } from '$domain/rules';
import type { FixtureName } from '$domain/fixtures';

/** POST /session. */
export interface LoginRequest {
  login: string;
  password: string;
}

/** A logged-in session: its user and the privileges it took at login (never refreshed). */
export interface SessionInfo {
  sessionId: string;
  user: PublicUser;
  privileges: string[];
}

/** POST /users. */
export interface NewUser {
  login: string;
  firstName: string;
  surname: string;
  /** At least 8 characters. */
  password: string;
  enabled: boolean;
  /** Design rights (may change the repository). Defaults to false. */
  designer?: boolean;
}

/** PUT /users/:id. Fields left out keep their value; an empty or missing password keeps the old one. */
export interface UserUpdate {
  login?: string;
  firstName?: string;
  surname?: string;
  password?: string;
  enabled?: boolean;
  designer?: boolean;
}

/** POST /user-groups. */
export interface NewUserGroup {
  name: string;
  description?: string;
  userIds?: string[];
}

/** PUT /user-groups/:id. Fields left out keep their value. */
export type UserGroupUpdate = Partial<NewUserGroup>;

/** POST /roles. */
export interface NewRole {
  applicationId: string;
  name: string;
  description?: string;
  /** Names from the privilege catalogue. */
  privileges?: string[];
  userGroupIds?: string[];
}

/** PUT /roles/:id. Fields left out keep their value; the application does not change. */
export type RoleUpdate = Partial<Omit<NewRole, 'applicationId'>>;

/** A table of the repository with how many records it holds; `seeding` while a first visit is
 * still adding its rows (the Company Data), so the count is not yet the table's. */
export type TableWithCount = Table & { recordCount: number; seeding: boolean };

/** GET /repository: everything the repository tree shows. Secrets of HTTP actions are masked. */
export interface RepositoryView {
  applications: Application[];
  tables: TableWithCount[];
  screens: Screen[];
  actionflows: Actionflow[];
  roles: Role[];
  userGroups: UserGroup[];
  users: PublicUser[];
  privileges: { name: string; description: string }[];
}

/** Query of GET /tables/:id/records. */
export interface RecordQuery {
  offset?: number;
  /** At most 500. */
  limit?: number;
  /** Attribute to filter on, with {@link equals}. */
  where?: string;
  equals?: string;
}

/** GET /tables/:id/records. */
export interface RecordPage {
  total: number;
  records: DataRecord[];
  /** A first visit is still adding the table's rows (the Company Data): more are coming. */
  seeding: boolean;
}

/** One keystore alias as the server shows it: never the secret itself. */
export interface KeystoreEntry {
  alias: string;
  /** Length of the secret in UTF-8 bytes. */
  length: number;
  masked: typeof MASKED_SECRET;
  updatedAt: string;
  /** True while the secret is the random one the instance made for itself (nobody has set it). */
  generated: boolean;
}

/** POST /users/:id/api-keys. */
export interface GenerateApiKeyRequest {
  /** Lifetime of the key; without it the key does not expire. */
  expiresInSeconds?: number;
}

/** The generated key (shown once) and the record kept of it. */
export interface GeneratedApiKey {
  key: string;
  record: ApiKeyRecord;
}

/** POST /keys/inspect: what a key says about itself, and whether it verifies now. */
export interface KeyInspection {
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  signature: 'valid' | 'invalid';
  /** A sentence explaining the verdict. */
  reason: string;
}

/** The actionflow routes' shapes are the server's own (src/domain/contract.ts). */
export type { ActionflowPatch, ActionflowSave, ButtonRunAnswer, ClockView, NewActionflow, SavedActionflow, RunningRun, RunRecord, RunTrace };

/** What a button run answers (the contract's {@link ButtonRunAnswer}). */
export type ButtonRunResult = ButtonRunAnswer;

/**
 * PUT /actionflows/:id/nodes/:nodeId: the HTTP action properties form. A secret sent as MASKED_SECRET
 * keeps the saved value of the secret key with the same id (so a renamed key keeps it too).
 */
export interface HttpNodeUpdate {
  name: string;
  method: HttpMethod;
  urlTemplate: string;
  headers: NamedExpression[];
  secretKeys: SecretKey[];
  bodyTemplate?: string;
  errorExpression?: string;
  logTraffic?: boolean;
  maxLogLength?: number;
  useRawUrl?: boolean;
  outputs?: { out: HttpOutput; error: HttpOutput };
}

/** GET /audit filters. */
export interface AuditQuery {
  runAs?: string;
  actionflow?: string;
  outcome?: AuditOutcome;
  limit?: number;
}

/** GET /request-log filters. */
export interface RequestLogQuery {
  limit?: number;
}

/** GET /audit/retention and /request-log/retention: a trail keeps its newest `limit` entries. */
export interface TrailRetention {
  limit: number;
  /** Entries dropped, oldest first, since the instance was last reset or imported. */
  dropped: number;
}

/** A whole instance as an exported file (its shape belongs to the instance module). */
export type { InstanceFile } from '$instance/instance-file';

/** A request typed in the API console. */
export interface EndpointRequest {
  method: string;
  /** Absolute, or relative to the client's origin. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the API console shows of the answer. */
export interface EndpointResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
}

/** Where the client keeps the session id between calls (and reloads). */
export interface SessionStore {
  get(): string | null;
  set(id: string | null): void;
}

/** Options of `createSandboxClient`. */
export interface SandboxClientOptions {
  /** Prefix of every URL, e.g. `http://localhost`; empty (same origin) by default. */
  origin?: string;
  /** The fetch to use; by default the page's transport (`usePageTransport`), else `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Defaults to the tab's sessionStorage key `actionflow-sandbox.session`, or memory where there is none. */
  sessionStore?: SessionStore;
}

/**
 * Typed access to the simulated server. Every method makes one HTTP call; a refused call rejects
 * with a `SandboxApiError` carrying the server's status, code, field and sentence.
 */
export interface SandboxClient {
  /** The session id the client sends, if logged in. */
  sessionId(): string | null;

  // Sessions
  login(request: LoginRequest): Promise<SessionInfo>;
  /** The current session, or null when not logged in (or the session has ended). */
  currentSession(): Promise<SessionInfo | null>;
  logout(): Promise<void>;

  // Repository
  getRepository(): Promise<RepositoryView>;
  getRecords(tableId: string, query?: RecordQuery): Promise<RecordPage>;
  /**
   * Sets the expression of a table's attribute in its analysis model (what an Analysis action sets
   * it to, e.g. `_context.Status`); an empty expression removes it. Needs design rights.
   */
  setAttributeExpression(tableId: string, attribute: string, expression: string): Promise<Table>;

  // Users
  listUsers(): Promise<PublicUser[]>;
  createUser(user: NewUser): Promise<PublicUser>;
  updateUser(id: string, changes: UserUpdate): Promise<PublicUser>;
  deleteUser(id: string): Promise<void>;

  // User groups
  listUserGroups(): Promise<UserGroup[]>;
  createUserGroup(group: NewUserGroup): Promise<UserGroup>;
  updateUserGroup(id: string, changes: UserGroupUpdate): Promise<UserGroup>;
  deleteUserGroup(id: string): Promise<void>;

  // Roles
  listRoles(): Promise<Role[]>;
  createRole(role: NewRole): Promise<Role>;
  updateRole(id: string, changes: RoleUpdate): Promise<Role>;
  deleteRole(id: string): Promise<void>;

  // Keystore
  listKeystore(): Promise<KeystoreEntry[]>;
  /** Adds a new alias; refused (409 `alias_exists`) when the alias is there already. */
  addKeystoreAlias(alias: string, secret: string): Promise<KeystoreEntry>;
  /** Sets the secret of an alias, adding the alias when it is not there. */
  setKeystoreSecret(alias: string, secret: string): Promise<KeystoreEntry>;
  deleteKeystoreAlias(alias: string): Promise<void>;

  // API keys
  generateApiKey(userId: string, request?: GenerateApiKeyRequest): Promise<GeneratedApiKey>;
  listApiKeys(userId: string): Promise<ApiKeyRecord[]>;
  revokeApiKey(jti: string): Promise<ApiKeyRecord>;
  inspectKey(key: string): Promise<KeyInspection>;

  // Actionflows
  createActionflow(request: NewActionflow): Promise<SavedActionflow>;
  getActionflow(id: string): Promise<SavedActionflow>;
  /** Saves the whole graph and settings; refused with 409 `stale_version` when another save came first. */
  saveActionflow(id: string, save: ActionflowSave): Promise<SavedActionflow>;
  updateActionflow(id: string, patch: ActionflowPatch): Promise<Actionflow>;
  updateHttpNode(actionflowId: string, nodeId: string, node: HttpNodeUpdate): Promise<Actionflow>;
  duplicateActionflow(id: string, name?: string): Promise<SavedActionflow>;
  deleteActionflow(id: string): Promise<void>;
  /** The last runs of an actionflow, newest first, with their traces. */
  listRuns(actionflowId: string): Promise<RunRecord[]>;

  // Screens
  attachActionflow(screenId: string, buttonName: string, actionflowId: string): Promise<Screen>;
  detachActionflow(screenId: string, buttonName: string): Promise<Screen>;
  runButton(screenId: string, buttonName: string, form: Record<string, string>): Promise<ButtonRunResult>;

  // Running runs and the sandbox clock
  runningRuns(): Promise<RunningRun[]>;
  stopRun(runId: string): Promise<void>;
  getClock(): Promise<ClockView>;
  fastForward(ms: number): Promise<ClockView>;

  // Trails
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  listRequestLog(query?: RequestLogQuery): Promise<RequestLogEntry[]>;
  /** How many entries a trail keeps, and how many older ones it has dropped. */
  trailRetention(trail: 'audit' | 'requestLog'): Promise<TrailRetention>;

  // Instance (routes of the instance module; see ResetInstanceOptions)
  /**
   * Replaces the instance with a named start state (the fresh training instance by default), or with a scratch instance built before
   * (`from`), and changes lesson progress in the same transaction (`progress`).
   */
  resetInstance(options?: ResetInstanceOptions): Promise<void>;
  /** The whole instance as a file; its secrets only with `secrets: true` (see InstanceFile.secrets). */
  exportInstance(options?: { secrets?: boolean }): Promise<InstanceFile>;
  /** Replaces the instance with a file: its text as read, or its parsed value. */
  importInstance(file: unknown): Promise<void>;

  /** A plain call for the API console: never throws on an HTTP error status. */
  callEndpoint(request: EndpointRequest): Promise<EndpointResponse>;
}

/** What a reset writes besides the fresh instance, in its one transaction. */
export interface ResetInstanceOptions {
  /** The named start state to reset to (the fresh training instance when omitted). */
  fixture?: FixtureName;
  /** The name of a scratch instance database to copy instead of a start state. */
  from?: string;
  /** Lesson progress: chapters to forget ('all' or ids), then records to write. */
  progress?: { clear: 'all' | readonly string[]; put: readonly { chapterId: string; value: unknown }[] };
}
