/**
 * Routes of running runs and the sandbox clock: what this page is running (for a screen's progress
 * and a way to stop it), stopping a run, and fast-forwarding the clock so a `sleep(20)` need not be
 * waited for (instructors, and the tests).
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { jsonResponse } from '../json-response';
import type { ClockView } from '$domain/contract';
import { NotFoundError, PermissionError, ValidationError } from '$domain/errors';
import { isAdjustable } from '$domain/expression';
import { SANDBOX_API, type ServerContext } from '../context';
import { requireDesigner, requireSession } from '../guards';
import { param, readJson, route } from '../route';
import { Reader } from '$domain/actionflow';
import { orchestratorOf } from './orchestrator';

/** The longest single fast-forward: one day. */
const MAX_FAST_FORWARD_MS = 86_400_000;

function clockView(ctx: ServerContext): ClockView {
  return { now: ctx.clock.now().toISOString(), adjustable: isAdjustable(ctx.clock) };
}

export function runHandlers(ctx: ServerContext): HttpHandler[] {
  return [
    route(ctx, 'get', `*${SANDBOX_API}/runs`, async (args) => {
      await requireSession(ctx, args.request, 'see running actionflows');
      return jsonResponse(orchestratorOf(ctx).list());
    }),
    route(ctx, 'post', `*${SANDBOX_API}/runs/:id/stop`, async (args) => {
      const { user } = await requireSession(ctx, args.request, 'stop running actionflows');
      const id = param(args, 'id');
      const orchestrator = orchestratorOf(ctx);
      const running = orchestrator.running.get(id);
      if (!running) throw new NotFoundError(`There is no run ${id} running in this page; it may have ended already.`);
      // A learner may stop what they started; someone else's run needs design rights.
      if (running.runAs !== user.login && !user.designer) {
        throw new PermissionError(`The user ${user.login} has no design rights, so they cannot stop the run of ${running.actionflowName} that ${running.runAs} started.`);
      }
      orchestrator.stop(id, user.login);
      return new HttpResponse(null, { status: 204 });
    }),
    route(ctx, 'get', `*${SANDBOX_API}/clock`, async (args) => {
      await requireSession(ctx, args.request, 'read the sandbox clock');
      return jsonResponse(clockView(ctx));
    }),
    route(ctx, 'post', `*${SANDBOX_API}/clock/fast-forward`, async (args) => {
      await requireDesigner(ctx, args.request, 'fast-forward the sandbox clock');
      const body = new Reader(await readJson(args.request, 'fast-forward the clock'), '', 'the fast-forward');
      body.object(['ms']);
      const ms = body.field('ms', 'the time to fast-forward by (ms)').number({ min: 1, max: MAX_FAST_FORWARD_MS, integer: true });
      if (!isAdjustable(ctx.clock)) throw new ValidationError('This sandbox runs on real time, so its clock cannot be fast-forwarded.', 'ms');
      ctx.clock.fastForward(ms);
      return jsonResponse(clockView(ctx));
    }),
  ];
}
