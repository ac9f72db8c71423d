/**
 * A guard that runs before every other handler: a URL with broken percent-encoding (e.g. `%E0%A4%A`)
 * would make MSW's path matching throw and answer a bare 500, so it is answered here as the
 * contract says instead (an unknown end point, or a refused sandbox API call).
 */
import { http, type HttpHandler } from 'msw';
import type { ServerContext } from './context';
import { SANDBOX_API } from './context';
import { ApiError } from './errors';
import { logged } from './route';

function isMalformed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

function isOurs(pathname: string): boolean {
  return pathname.startsWith('/phixflow/') || pathname.startsWith(`${SANDBOX_API}/`);
}

/** The guard handler; it must come first in the handlers array. */
export function malformedUrlHandlers(ctx: ServerContext): HttpHandler[] {
  const refuse = logged(ctx, ({ url }) => {
    if (url.pathname.startsWith('/phixflow/')) {
      throw new ApiError(404, 'unknown_endpoint', `There is no API end point at ${url.pathname}: the path has broken percent-encoding.`);
    }
    throw new ApiError(400, 'invalid_url', `The path ${url.pathname} has broken percent-encoding, so the sandbox cannot read it.`);
  });
  return [
    http.all(({ request }) => {
      const { pathname } = new URL(request.url);
      return isOurs(pathname) && isMalformed(pathname);
    }, ({ request }) => refuse({ request, params: {} })),
  ];
}
