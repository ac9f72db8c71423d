/** The draft of an actionflow's properties, its client-side checks and the patch it makes. Pure. */
import type { ActionflowPatch } from '$client/index';
import type { Actionflow, ApiMode } from '$domain/actionflow';
import { TIMEOUT_MAX_MS, URL_ALIAS_PATTERN } from '$domain/rules';
import type { FieldErrors } from './form/form-state.svelte';

export interface ActionflowDraft {
  name: string;
  exclusionGroup: string;
  api: {
    allowAnonymousConnections: boolean;
    urlAlias: string;
    apiMode: ApiMode;
    /** As typed, checked before saving. */
    timeoutMs: string;
    logRequest: boolean;
    logResponse: boolean;
  } | null;
}

export const API_MODES: readonly { value: ApiMode; label: string }[] = [
  { value: 'synchronous', label: 'Wait for result (Synchronous)' },
  { value: 'asynchronous', label: 'Poll for result (Asynchronous)' },
];

export function actionflowDraft(flow: Actionflow): ActionflowDraft {
  return {
    name: flow.name,
    exclusionGroup: flow.exclusionGroup,
    api: flow.api ? { ...flow.api, timeoutMs: String(flow.api.timeoutMs) } : null,
  };
}

/** Errors the server would give too, found before sending. */
export function checkActionflowDraft(draft: ActionflowDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = 'Enter a name for the actionflow.';
  else if (/[/\\]/.test(draft.name)) errors.name = 'The name cannot hold a slash, because it becomes part of the URL.';
  if (draft.api) {
    if (!URL_ALIAS_PATTERN.test(draft.api.urlAlias.trim())) {
      errors['api.urlAlias'] = 'The URL Alias may hold only letters, digits, underscores and hyphens, at most 64 of them.';
    }
    const timeout = draft.api.timeoutMs.trim();
    if (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > TIMEOUT_MAX_MS) {
      errors['api.timeoutMs'] = `The Timeout must be a whole number of milliseconds from 1 to ${TIMEOUT_MAX_MS.toLocaleString('en')}.`;
    }
  }
  return errors;
}

/** The PATCH body for the draft. */
export function actionflowPatch(draft: ActionflowDraft): ActionflowPatch {
  const patch: ActionflowPatch = { name: draft.name.trim(), exclusionGroup: draft.exclusionGroup.trim() };
  if (draft.api) {
    patch.api = {
      allowAnonymousConnections: draft.api.allowAnonymousConnections,
      urlAlias: draft.api.urlAlias.trim(),
      apiMode: draft.api.apiMode,
      timeoutMs: Number(draft.api.timeoutMs.trim()),
      logRequest: draft.api.logRequest,
      logResponse: draft.api.logResponse,
    };
  }
  return patch;
}
