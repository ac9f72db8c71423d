/**
 * Instance routes of the sandbox API: reset to a fresh training instance, export it as a file,
 * import a file. Open to anyone with the page: they are the instructor's and the stuck learner's
 * way back, and need no login.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { exportInstance, importInstance } from '$instance/instance-file';
import { resetInstance } from '$instance/reset';
import type { ServerContext } from './context';
import { SANDBOX_API } from './context';
import { ApiError } from './errors';
import { route } from './route';

/** The largest instance file accepted (ten times the standard instance fits comfortably). */
export const MAX_INSTANCE_FILE_BYTES = 64 * 1024 * 1024;

export function instanceHandlers(ctx: ServerContext): HttpHandler[] {
  return [
    route(ctx, 'post', `*${SANDBOX_API}/instance/reset`, async () => {
      await resetInstance(ctx.db);
      ctx.notifyChanged('instance');
      return HttpResponse.json({ ok: true });
    }),
    route(ctx, 'get', `*${SANDBOX_API}/instance/export`, async () => {
      const file = await exportInstance(ctx.db, ctx.clock.now());
      return HttpResponse.json(file, {
        headers: { 'content-disposition': `attachment; filename="actionflow-sandbox-${file.exportedAt.slice(0, 10)}.json"` },
      });
    }),
    route(ctx, 'post', `*${SANDBOX_API}/instance/import`, async ({ request }) => {
      const text = await request.text();
      if (text.length > MAX_INSTANCE_FILE_BYTES) {
        throw new ApiError(413, 'body_too_large', 'The instance file is larger than 64 MiB, which is more than the sandbox imports; the instance was not changed.');
      }
      await importInstance(ctx.db, text);
      ctx.notifyChanged('instance');
      return HttpResponse.json({ ok: true });
    }),
  ];
}
