/** Builds an {@link InstanceSnapshot} (what lesson checks read) from the instance database. */
import { SNAPSHOT_REQUEST_LOG, type InstanceSnapshot } from '$domain/snapshot';
import type { InstanceDb } from './db';

/** A consistent picture of the repository, the trails and the companies, read in one transaction. */
export async function takeSnapshot(db: InstanceDb, currentSessionId: string | null = null): Promise<InstanceSnapshot> {
  return db.transaction(
    'r',
    [db.applications, db.appTables, db.screens, db.actionflows, db.roles, db.userGroups, db.users, db.keystore, db.apiKeys, db.sessions, db.audit, db.companies, db.additionalCompanies, db.requestLog],
    async () => {
      const [applications, tables, screens, actionflows, roles, userGroups, users, keystore, apiKeys, sessions, audit, companies, additionalCompanies, latestRequests] = await Promise.all([
        db.applications.toArray(),
        db.appTables.toArray(),
        db.screens.toArray(),
        db.actionflows.toArray(),
        db.roles.toArray(),
        db.userGroups.toArray(),
        db.users.toArray(),
        db.keystore.toArray(),
        db.apiKeys.toArray(),
        db.sessions.toArray(),
        db.audit.toArray(),
        db.companies.toArray(),
        db.additionalCompanies.toArray(),
        db.requestLog.orderBy('id').reverse().limit(SNAPSHOT_REQUEST_LOG).toArray(),
      ]);
      return {
        applications,
        tables,
        screens,
        actionflows,
        roles,
        userGroups,
        users: users.map(({ passwordHash: _h, passwordSalt: _s, ...user }) => user),
        keystore,
        apiKeys,
        sessions,
        currentSessionId,
        audit,
        companies,
        additionalCompanies,
        requestLog: latestRequests.reverse(),
      };
    },
  );
}
