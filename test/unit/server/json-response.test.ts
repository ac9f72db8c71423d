/**
 * The server's JSON answers are the answers `HttpResponse.json` gives (status, status text, content
 * type and length, body), and the request log reads their text without reading their body.
 */
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bodyTextOf, jsonResponse, keepText, knownText } from '$server/json-response';

const CASES: { body: unknown; init?: ResponseInit }[] = [
  { body: { ok: true } },
  { body: { name: 'Zoë – 東京 🚀', list: [1, 2, 3] }, init: { status: 201 } },
  { body: { error: { code: 'not_found', message: 'There is no such thing.' } }, init: { status: 404, headers: { 'retry-after': '3' } } },
  { body: 'text as JSON', init: { status: 200, headers: { 'content-type': 'application/vnd.api+json' } } },
  { body: null, init: { status: 500 } },
  { body: [], init: { status: 299 } },
];

describe('jsonResponse', () => {
  it.each(CASES)('answers as HttpResponse.json does: %j', async ({ body, init }) => {
    const ours = jsonResponse(body, init);
    const msw = HttpResponse.json(body as never, init as never);
    expect(ours.status).toBe(msw.status);
    expect(ours.statusText).toBe(msw.statusText);
    expect(Object.fromEntries(ours.headers)).toEqual(Object.fromEntries(msw.headers));
    expect(await ours.text()).toBe(await msw.text());
  });

  it('answers a status without a body (204) with none, and knows no text for it', async () => {
    const ours = jsonResponse({ ignored: true }, { status: 204 });
    expect(ours.status).toBe(204);
    expect(ours.body).toBeNull();
    expect(knownText(ours)).toBeUndefined();
    expect(await bodyTextOf(ours)).toBeNull();
  });
});

describe('bodyTextOf', () => {
  it('answers the text a JSON answer was built with and leaves its body unread', async () => {
    const response = jsonResponse({ company: 'C0001' });
    expect(await bodyTextOf(response)).toBe('{"company":"C0001"}');
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ company: 'C0001' });
  });

  it('reads any other response from a clone, so the response itself can still be sent', async () => {
    const response = new Response('plain words', { status: 200 });
    expect(await bodyTextOf(response)).toBe('plain words');
    expect(await response.text()).toBe('plain words');
    expect(await bodyTextOf(new Response(null, { status: 204 }))).toBeNull();
  });

  it('answers the text kept for a response built from another one’s body', async () => {
    const original = jsonResponse({ error: { code: 'missing_api_key' } }, { status: 401 });
    const rebuilt = keepText(new Response(original.body, { status: 401 }), knownText(original)!);
    expect(await bodyTextOf(rebuilt)).toBe('{"error":{"code":"missing_api_key"}}');
  });
});
