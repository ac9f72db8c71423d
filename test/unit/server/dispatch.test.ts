import { describe, expect, it } from 'vitest';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { dispatching, fixedTextOf } from '$server/dispatch';

const answer = (text: string) => () => HttpResponse.text(text);
/** Handlers whose order and overlaps matter: the first that matches answers. */
const handlers: HttpHandler[] = [
  http.all(({ request }) => new URL(request.url).pathname.startsWith('/guard'), answer('guard')),
  http.all('*/api/*', answer('api')),
  http.get('*/items/special', answer('special')),
  http.get('*/items/:id', answer('item')),
  http.post('*/items/:id', answer('created')),
  http.delete('*/items/:id/parts/:part', answer('part gone')),
  http.get('*/items/:id/parts/:part', () => undefined),
  http.get('*/items/:id/parts/*', answer('any part')),
];

const URLS = [
  '/items/special', '/items/42', '/ITEMS/Special', '/items/42/', '/items/42?x=1', '/items', '/items/42/parts/7', '/items/42/parts/7/8',
  '/api/x', '/API/1/action/a%20b/trigger', '/guard/me', '/other', '/', '/itemsx/1', '/prefix/items/5',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

async function said(list: HttpHandler[], method: string, path: string): Promise<string | undefined> {
  const response = await getResponse(list, new Request(`http://localhost${path}`, { method }));
  return response ? `${response.status} ${await response.text()}` : undefined;
}

describe('one handler in front of the others', () => {
  it('answers every request as the handlers in order would, or leaves it unanswered alike', async () => {
    const front = [dispatching(handlers)];
    for (const method of METHODS) {
      for (const path of URLS) {
        expect(await said(front, method, path), `${method} ${path}`).toBe(await said(handlers, method, path));
      }
    }
    expect(await said(front, 'GET', '/items/special')).toBe('200 special');
    expect(await said(front, 'GET', '/items/42/parts/7')).toBe('200 any part');
    expect(await said(front, 'GET', '/other')).toBeUndefined();
  });

  it('takes a request only when a handler matched it (else MSW treats it as unhandled, as before)', async () => {
    const front = dispatching(handlers);
    const takes = async (method: string, path: string) => (await front.run({ request: new Request(`http://localhost${path}`, { method }), requestId: '1' })) !== null;
    expect(await takes('GET', '/items/1')).toBe(true);
    expect(await takes('GET', '/nothing/here')).toBe(false);
    expect(await takes('PUT', '/items/1')).toBe(false);
    expect(await takes('PUT', '/guard/x')).toBe(true);
    // Matched, but its resolver gave no answer: matched all the same, as MSW counts it.
    const silent = dispatching([http.get('*/quiet', () => undefined)]);
    expect(await silent.run({ request: new Request('http://localhost/quiet'), requestId: '2' })).not.toBeNull();
  });

  it('tries only the handlers that could match', async () => {
    let parsed = 0;
    const counted = Array.from({ length: 30 }, (_, i) => {
      const handler = http.get(`*/route-${i}/:id`, answer(`route ${i}`));
      const parse = handler.parse.bind(handler);
      handler.parse = (args) => (parsed++, parse(args));
      return handler;
    });
    expect(await said([dispatching(counted)], 'GET', '/route-29/x')).toBe('200 route 29');
    expect(parsed).toBe(1);
  });

  it('knows the fixed text of a path', () => {
    expect(fixedTextOf('*/sandbox/api/tables/:id/records')).toBe('/sandbox/api/tables/');
    expect(fixedTextOf('*/phixflow/api/*')).toBe('/phixflow/api/');
    expect(fixedTextOf('*/sandbox/api/Session')).toBe('/sandbox/api/session');
    expect(fixedTextOf(/x/)).toBe('');
    expect(fixedTextOf(() => true)).toBe('');
  });
});
