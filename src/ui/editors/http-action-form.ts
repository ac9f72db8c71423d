/** The draft of an HTTP action, its client-side checks and the update it sends. Pure. */
import type { HttpNodeUpdate } from '$client/index';
import { HTTP_METHODS as METHODS, freeId, type Action, type HttpMethod } from '$domain/actionflow';
import { IDENTIFIER_PATTERN, MASKED_SECRET } from '$domain/rules';
import type { FieldErrors } from './form/form-state.svelte';

export { MASKED_SECRET };

export const HTTP_METHODS: readonly { value: HttpMethod; label: string }[] = METHODS.map((m) => ({ value: m, label: m }));

export interface HeaderRow {
  /** Keys rows for the list, never sent. */
  rowId: string;
  name: string;
  expression: string;
}

export interface SecretKeyRow {
  rowId: string;
  /** The secret key's id: a renamed key keeps its saved secret. */
  id: string;
  name: string;
  enabled: boolean;
  secret: string;
  /** True when the row came from the server (its secret is the masked saved one). */
  saved: boolean;
}

export interface HttpActionDraft {
  name: string;
  method: HttpMethod;
  urlTemplate: string;
  headers: HeaderRow[];
  secretKeys: SecretKeyRow[];
}

let rowCounter = 0;
/** A fresh row id. */
export const newRowId = (): string => `row-${++rowCounter}`;

export function httpActionDraft(action: Action<'http'>): HttpActionDraft {
  return {
    name: action.name,
    method: action.props.method,
    urlTemplate: action.props.urlTemplate,
    headers: action.props.headers.map((h, i) => ({ rowId: `h${i}`, name: h.name, expression: h.expression })),
    secretKeys: action.props.secretKeys.map((k, i) => ({ rowId: `k${i}`, id: k.id, name: k.name, enabled: k.enabled, secret: k.secret, saved: true })),
  };
}

/** An id for a new secret key row, free among the draft's. */
export function newSecretKeyId(rows: readonly SecretKeyRow[]): string {
  return freeId('secret', rows.map((r) => r.id));
}

/** Errors the server would give too, found before sending. */
export function checkHttpActionDraft(draft: HttpActionDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = 'Enter a name for the HTTP action.';
  if (!draft.urlTemplate.trim()) errors.urlTemplate = 'Enter the URL Template to call.';
  return { ...errors, ...checkHttpRows(draft) };
}

/** The errors of an HTTP action's header and secret key rows (by `headers[i].name`…). */
export function checkHttpRows(draft: Pick<HttpActionDraft, 'headers' | 'secretKeys'>): FieldErrors {
  const errors: FieldErrors = {};
  draft.headers.forEach((h, i) => {
    if (!h.name.trim()) errors[`headers[${i}].name`] = 'Enter the header name, e.g. Authorization.';
    if (!h.expression.trim()) errors[`headers[${i}].expression`] = 'Enter the expression that gives the header value, e.g. _datasource.APIKey.';
  });
  draft.secretKeys.forEach((k, i) => {
    if (!IDENTIFIER_PATTERN.test(k.name.trim())) {
      errors[`secretKeys[${i}].name`] = 'Start with a letter or underscore and use only letters, digits and underscores, so _datasource.<Name> can refer to it.';
    }
    if (k.secret === '') errors[`secretKeys[${i}].secret`] = 'Type or paste the secret.';
  });
  return errors;
}

/** The PUT body for the draft. A masked secret is sent as is, which keeps the saved value. */
export function httpNodeUpdate(draft: HttpActionDraft): HttpNodeUpdate {
  return {
    name: draft.name.trim(),
    method: draft.method,
    urlTemplate: draft.urlTemplate,
    headers: draft.headers.map((h) => ({ name: h.name.trim(), expression: h.expression })),
    secretKeys: draft.secretKeys.map((k) => ({ id: k.id, name: k.name.trim(), enabled: k.enabled, secret: k.secret })),
  };
}
