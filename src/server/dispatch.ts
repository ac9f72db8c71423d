/**
 * The server's handlers behind one MSW handler. MSW tries its handlers in order and, for each one,
 * parses the URL, reads the page's cookies and matches the path before it looks at the method: with
 * ~55 handlers every request paid ~55 of those — the page's own scripts and data too, which reach
 * the page's handlers while the service worker controls it. Here a request goes only to the
 * handlers that could take it (the method matches and the URL holds the fixed text of the path),
 * in their order, exactly as MSW would run them: the first response answers, and a request no
 * handler matched is left unhandled.
 */
import { HttpHandler } from 'msw';

/** The fixed text a handler's path starts with (after a leading `*`), in lower case: MSW matches
 * paths without regard to case. Empty for a path that is not text (a predicate, a RegExp). */
export function fixedTextOf(path: unknown): string {
  if (typeof path !== 'string') return '';
  const start = path.replace(/^\*+/, '');
  const end = start.search(/[:*(){}?+\\]/);
  return (end === -1 ? start : start.slice(0, end)).toLowerCase();
}

function methodMatches(method: string | RegExp, actual: string): boolean {
  return typeof method === 'string' ? method.toUpperCase() === actual.toUpperCase() : method.test(actual);
}

class Dispatcher extends HttpHandler {
  readonly #routes: { handler: HttpHandler; method: string | RegExp; fixed: string }[];

  constructor(handlers: readonly HttpHandler[]) {
    super(/.+/, '*', () => undefined);
    this.#routes = handlers.map((handler) => ({ handler, method: handler.info.method, fixed: fixedTextOf(handler.info.path) }));
  }

  /** What MSW's own loop over the handlers would give (its `executeHandlers`), over those that could match. */
  override async run(args: Parameters<HttpHandler['run']>[0]): ReturnType<HttpHandler['run']> {
    const url = args.request.url.toLowerCase();
    let matched: Awaited<ReturnType<HttpHandler['run']>> = null;
    for (const { handler, method, fixed } of this.#routes) {
      if (!methodMatches(method, args.request.method) || !url.includes(fixed)) continue;
      const result = await handler.run(args);
      if (result === null) continue;
      matched = result;
      if (result.response) break;
    }
    return matched;
  }
}

/** One handler answering as `handlers` would, in their order, trying only those that could match. */
export function dispatching(handlers: readonly HttpHandler[]): HttpHandler {
  return new Dispatcher(handlers);
}
