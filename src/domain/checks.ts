/**
 * Helpers for lesson checks: pure look-ups over an {@link InstanceSnapshot}, named in the course's
 * words, so that each check reads like the sentence it tests.
 */
import type { Action } from './actionflow';
import type { Actionflow, AuditEntry, PublicUser, Role, UserGroup } from './entities';
import { privilegesOf } from './privileges';
import type { InstanceSnapshot } from './snapshot';

/** The user with this login (case-insensitive), if any. */
export function userByLogin(s: InstanceSnapshot, login: string): PublicUser | undefined {
  return s.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
}

/** The role with this name (case-insensitive), if any. */
export function roleByName(s: InstanceSnapshot, name: string): Role | undefined {
  return s.roles.find((r) => r.name.toLowerCase() === name.toLowerCase());
}

/** The user group with this name (case-insensitive), if any. */
export function groupByName(s: InstanceSnapshot, name: string): UserGroup | undefined {
  return s.userGroups.find((g) => g.name.toLowerCase() === name.toLowerCase());
}

/** The actionflow with this exact name, if any. */
export function actionflowByName(s: InstanceSnapshot, name: string): Actionflow | undefined {
  return s.actionflows.find((a) => a.name === name);
}

/** The first HTTP action of an actionflow, if any. */
export function httpActionOf(flow: Actionflow | undefined): Action<'http'> | undefined {
  return flow?.actions.find((n): n is Action<'http'> => n.kind === 'http');
}

/** The privileges a user holds now through their groups and roles. */
export function currentPrivileges(s: InstanceSnapshot, userId: string): string[] {
  return privilegesOf(userId, s);
}

/** The user the browser's current session belongs to, if logged in. */
export function currentUser(s: InstanceSnapshot): PublicUser | undefined {
  const session = s.sessions.find((x) => x.id === s.currentSessionId);
  return session && s.users.find((u) => u.id === session.userId);
}

/** Audit entries that match every given field (within the snapshot's window: since the chapter started). */
export function auditEntries(s: InstanceSnapshot, match: Partial<AuditEntry>): AuditEntry[] {
  return s.audit.entries(match);
}

/** How many audit entries match every given field (within the snapshot's window). */
export function auditCount(s: InstanceSnapshot, match: Partial<AuditEntry>): number {
  return s.audit.count(match);
}

/** The payload of a compact JWT, decoded without verifying it; null when the text is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.trim().replace(/^bearer\s+/i, '').split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return null;
  try {
    const base64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
