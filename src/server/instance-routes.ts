/**
 * Instance routes of the sandbox API: reset to a named start state (the fresh training instance by
 * default), export the instance as a file, import a file. Each needs a session of a user with design rights (an instructor's): an export
 * can hold every secret, and a reset or an import replaces everything. A learner locked out of
 * every designer login starts over from the login dialog instead (see src/main.ts).
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { ValidationError } from '$domain/errors';
import { FRESH_FIXTURE, isFixtureName, unknownFixtureSentence } from '$domain/fixtures';
import { exportInstance, importInstance } from '$instance/instance-file';
import { resetInstance } from '$instance/reset';
import type { ServerContext } from './context';
import { SANDBOX_API } from './context';
import { ApiError } from './errors';
import { requireDesigner } from './guards';
import { asObject, onlyFields, stringField } from './input';
import { readJson, route } from './route';

/** The largest instance file accepted (ten times the standard instance fits comfortably). */
export const MAX_INSTANCE_FILE_BYTES = 64 * 1024 * 1024;

export function instanceHandlers(ctx: ServerContext): HttpHandler[] {
  return [
    route(ctx, 'post', `*${SANDBOX_API}/instance/reset`, async ({ request }) => {
      await requireDesigner(ctx, request, 'reset the instance');
      const body = asObject(await readJson(request, 'reset the instance'), 'the reset');
      onlyFields(body, ['fixture'], 'the reset');
      const fixture = stringField(body, 'fixture', 'start state', 'the reset') ?? FRESH_FIXTURE;
      if (!isFixtureName(fixture)) throw new ValidationError(`${unknownFixtureSentence(fixture)} The instance was not changed.`, 'fixture');
      await resetInstance(ctx.db, { fixture });
      ctx.notifyChanged('instance');
      return HttpResponse.json({ ok: true });
    }),
    route(ctx, 'get', `*${SANDBOX_API}/instance/export`, async ({ request, url }) => {
      await requireDesigner(ctx, request, 'export the instance');
      const secrets = url.searchParams.get('secrets') ?? 'omit';
      if (secrets !== 'include' && secrets !== 'omit') {
        throw new ValidationError(`The secrets setting of an export must be include or omit, not ${JSON.stringify(secrets)}.`, 'secrets');
      }
      const file = await exportInstance(ctx.db, { secrets: secrets === 'include', now: ctx.clock.now() });
      const kind = secrets === 'include' ? 'with-secrets' : 'without-secrets';
      return HttpResponse.json(file, {
        headers: { 'content-disposition': `attachment; filename="actionflow-sandbox-${file.exportedAt.slice(0, 10)}-${kind}.json"` },
      });
    }),
    route(ctx, 'post', `*${SANDBOX_API}/instance/import`, async ({ request }) => {
      await requireDesigner(ctx, request, 'import an instance file');
      const text = await request.text();
      if (text.length > MAX_INSTANCE_FILE_BYTES) {
        throw new ApiError(413, 'body_too_large', 'The instance file is larger than 64 MiB, which is more than the sandbox imports; the instance was not changed.');
      }
      await importInstance(ctx.db, text, ctx.clock.now());
      ctx.notifyChanged('instance');
      return HttpResponse.json({ ok: true });
    }),
  ];
}
