/**
 * Instance routes of the sandbox API: reset to a named start state (the fresh training instance by
 * default), export the instance as a file, import a file. Each needs a session of a user with design rights (an instructor's): an export
 * can hold every secret, and a reset or an import replaces everything. A learner locked out of
 * every designer login starts over from the login dialog instead (see src/main.ts).
 */
import Dexie from 'dexie';
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import { ValidationError } from '$domain/errors';
import { isFixtureName, unknownFixtureSentence } from '$domain/fixtures';
import { exportInstance, importInstance } from '$instance/instance-file';
import { INSTANCE_TABLES, InstanceDb, type ProgressRecord } from '$instance/db';
import { replaceInstance, resetInstance, type InstanceContents, type ResetOptions } from '$instance/reset';
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
      const { from, ...options } = await resetBody(request);
      if (from) {
        // A target state built beforehand (the earlier steps' solutions run against a scratch
        // instance): copied in one transaction with the matching progress.
        const contents = await readScratch(from);
        await replaceInstance(ctx.db, { ...contents, sessions: [] }, options);
      } else {
        await resetInstance(ctx.db, options);
      }
      return jsonResponse({ ok: true });
    }),
    route(ctx, 'get', `*${SANDBOX_API}/instance/export`, async ({ request, url }) => {
      await requireDesigner(ctx, request, 'export the instance');
      const secrets = url.searchParams.get('secrets') ?? 'omit';
      if (secrets !== 'include' && secrets !== 'omit') {
        throw new ValidationError(`The secrets setting of an export must be include or omit, not ${JSON.stringify(secrets)}.`, 'secrets');
      }
      const file = await exportInstance(ctx.db, { secrets: secrets === 'include', now: ctx.clock.now() });
      const kind = secrets === 'include' ? 'with-secrets' : 'without-secrets';
      return jsonResponse(file, {
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
      return jsonResponse({ ok: true });
    }),
  ];
}

/** Names of the scratch databases a target state is built in (see src/lessons/runtime.ts). */
export const SCRATCH_DB_PATTERN = /^actionflow-sandbox-scratch-\d+-[0-9a-f-]{36}$/;

/** The reset's body as read: a start state or a scratch database to copy, and the progress to change. */
interface ResetBody extends Pick<ResetOptions, 'fixture' | 'progress'> {
  /** A scratch database holding the instance to copy. */
  from?: string;
}

/** The reset's optional body: `{ fixture?, from?, progress?: { clear: 'all' | chapterIds, put: records } }`. */
async function resetBody(request: Request): Promise<ResetBody> {
  if (!request.headers.get('content-type')?.includes('json')) return {};
  const what = 'a reset';
  const body = asObject(await readJson(request, what), what);
  onlyFields(body, ['fixture', 'from', 'progress'], what);
  const options: ResetBody = {};
  const fixture = stringField(body, 'fixture', 'start state', what);
  if (fixture !== undefined) {
    if (!isFixtureName(fixture)) throw new ValidationError(`${unknownFixtureSentence(fixture)} The instance was not changed.`, 'fixture');
    if (body.from !== undefined) throw new ValidationError('A reset takes either a start state or a scratch instance to copy, not both; the instance was not changed.', 'fixture');
    options.fixture = fixture;
  }
  if (body.from !== undefined) {
    if (typeof body.from !== 'string' || !SCRATCH_DB_PATTERN.test(body.from)) {
      throw new ValidationError('The instance to reset from must be a scratch instance the sandbox built; the instance was not changed.', 'from');
    }
    options.from = body.from;
  }
  if (body.progress !== undefined) {
    const progress = asObject(body.progress, 'the progress of a reset');
    onlyFields(progress, ['clear', 'put'], 'the progress of a reset');
    const { clear, put } = progress;
    if (clear !== 'all' && !(Array.isArray(clear) && clear.every((c) => typeof c === 'string'))) {
      throw new ValidationError('The progress to clear must be "all" or a list of chapter ids; the instance was not changed.', 'progress.clear');
    }
    const records = put ?? [];
    if (!Array.isArray(records) || !records.every((r) => isRecord(r) && typeof r.chapterId === 'string' && isRecord(r.value) && r.value.chapterId === r.chapterId)) {
      throw new ValidationError('The progress to write must be a list of { chapterId, value } records of that chapter; the instance was not changed.', 'progress.put');
    }
    options.progress = { clear: clear as 'all' | string[], put: records as ProgressRecord[] };
  }
  return options;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every instance table of a scratch database, read in one transaction. */
async function readScratch(name: string): Promise<InstanceContents> {
  if (!(await Dexie.exists(name))) {
    throw new ValidationError('The scratch instance to reset from is gone (the page that built it closed?); the instance was not changed.', 'from');
  }
  const scratch = new InstanceDb(name);
  try {
    const contents: InstanceContents = {};
    await scratch.transaction('r', INSTANCE_TABLES.map((t) => scratch.table(t)), async () => {
      for (const t of INSTANCE_TABLES) contents[t] = await scratch.table(t).toArray();
    });
    return contents;
  } finally {
    scratch.close();
  }
}
