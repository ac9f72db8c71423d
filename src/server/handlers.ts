/**
 * The simulated PhixFlow server: every request handler, in one array that feeds `setupWorker` in
 * the browser and `setupServer` in node tests. Resource files build their handlers with `route()`
 * (./route.ts) so every call is logged and every error mapped in one place.
 */
import type { HttpHandler } from 'msw';
import type { ServerContext } from './context';
import { actionflowHandlers } from './actionflows';
import { apiKeyHandlers } from './api-keys';
import { auditRouteHandlers } from './audit-routes';
import { keystoreHandlers } from './keystore';
import { repositoryHandlers } from './repository';
import { roleHandlers } from './roles';
import { screenHandlers } from './screens';
import { sessionHandlers } from './sessions';
import { userGroupHandlers } from './user-groups';
import { userHandlers } from './users';
import { incomingApiHandlers } from './incoming-api';
import { instanceHandlers } from './instance-routes';
import { malformedUrlHandlers } from './malformed-url';
import { runHandlers } from './runs/routes';
import { tableHandlers } from './tables';

/** All handlers of the simulated server, bound to one instance context. */
export function createHandlers(ctx: ServerContext): HttpHandler[] {
  return [
    ...malformedUrlHandlers(ctx),
    // The incoming API comes next: MSW tries handlers in order, parsing the URL and cookies for
    // each, so the calls that learners time (and that other systems make) skip the repository's.
    ...incomingApiHandlers(ctx),
    ...instanceHandlers(ctx),
    // Resource handlers of the repository API (sessions, users, roles, keystore…) go here.
    ...sessionHandlers(ctx),
    ...repositoryHandlers(ctx),
    ...tableHandlers(ctx),
    ...userHandlers(ctx),
    ...apiKeyHandlers(ctx),
    ...userGroupHandlers(ctx),
    ...roleHandlers(ctx),
    ...keystoreHandlers(ctx),
    ...actionflowHandlers(ctx),
    ...screenHandlers(ctx),
    ...runHandlers(ctx),
    ...auditRouteHandlers(ctx),
  ];
}
