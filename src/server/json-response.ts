/**
 * The JSON answers of the simulated server. Each is serialized once and its text kept beside the
 * response, so the request log reads the body it logs from there instead of cloning the response
 * and reading the clone's stream (which cost more than building the answer). Its length is counted
 * with a TextEncoder: MSW's `HttpResponse.json` measures it with a Blob, which alone cost a third of
 * a millisecond an answer.
 */
import { HttpResponse } from 'msw';

const texts = new WeakMap<Response, string>();
const encoder = new TextEncoder();

/** A JSON response of `body` (as `HttpResponse.json` answers it: status text, content type and length). */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body) as string | undefined;
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  if (!headers.has('content-length')) headers.set('content-length', text ? String(encoder.encode(text).byteLength) : '0');
  const response = new HttpResponse(text ?? null, { ...init, headers });
  return response.body ? keepText(response, text ?? '') : response;
}

/** `response`, whose body is `text`, remembered as such (for a response built from another one's body). */
export function keepText(response: Response, text: string): Response {
  texts.set(response, text);
  return response;
}

/** What `response` was built with, or undefined when it was not built by {@link jsonResponse}. */
export function knownText(response: Response): string | undefined {
  return texts.get(response);
}

/** The body of `response` as text (null: it has none), without reading it when it is known. */
export async function bodyTextOf(response: Response): Promise<string | null> {
  const known = texts.get(response);
  if (known !== undefined) return known;
  return response.body ? response.clone().text() : null;
}
