/**
 * The simulated PhixFlow server: every request handler, behind one that tries only those that
 * could match (./dispatch.ts), feeding `setupWorker` in the browser and `setupServer` in node
 * tests. Resource files build their handlers with `route()` (./route.ts) so every call is logged
 * and every error mapped in one place.
 */
import type { HttpHandler } from 'msw';
import type { ServerContext } from './context';
import { dispatching } from './dispatch';
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

/** All handlers of the simulated server, bound to one instance context, in the order they are tried. */
export function serverHandlers(ctx: ServerContext): HttpHandler[] {
  return [
    ...malformedUrlHandlers(ctx),
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

/** The simulated server's handler(s) for `setupWorker` / `setupServer`. */
export function createHandlers(ctx: ServerContext): HttpHandler[] {
  return [dispatching(serverHandlers(ctx))];
}
