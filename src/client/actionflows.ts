/** Actionflows (create, read, save, settings, HTTP actions, copies, deletion, runs), screen buttons, running runs and the clock. */
import type { Actionflow } from '$domain/actionflow';
import type { Screen } from '$domain/entities';
import { seg, type Http } from './http';
import type { ButtonRunResult, ClockView, RunRecord, RunningRun, SandboxClient, SavedActionflow } from './types';

type Methods =
  | 'createActionflow'
  | 'getActionflow'
  | 'saveActionflow'
  | 'updateActionflow'
  | 'updateHttpNode'
  | 'duplicateActionflow'
  | 'deleteActionflow'
  | 'listRuns'
  | 'attachActionflow'
  | 'detachActionflow'
  | 'runButton'
  | 'runningRuns'
  | 'stopRun'
  | 'getClock'
  | 'fastForward';

export function actionflowMethods(http: Http): Pick<SandboxClient, Methods> {
  const button = (screenId: string, name: string) => `/screens/${seg(screenId)}/buttons/${seg(name)}`;
  return {
    createActionflow: (request) => http.call<SavedActionflow>('POST', '/actionflows', { body: request }),
    getActionflow: (id) => http.call<SavedActionflow>('GET', `/actionflows/${seg(id)}`),
    saveActionflow: (id, save) => http.call<SavedActionflow>('PUT', `/actionflows/${seg(id)}`, { body: save }),
    updateActionflow: (id, patch) => http.call<Actionflow>('PATCH', `/actionflows/${seg(id)}`, { body: patch }),
    updateHttpNode: (actionflowId, nodeId, node) =>
      http.call<Actionflow>('PUT', `/actionflows/${seg(actionflowId)}/nodes/${seg(nodeId)}`, { body: node }),
    duplicateActionflow: (id, name) => http.call<SavedActionflow>('POST', `/actionflows/${seg(id)}/duplicate`, { body: name === undefined ? {} : { name } }),
    deleteActionflow: (id) => http.call<void>('DELETE', `/actionflows/${seg(id)}`),
    listRuns: (actionflowId) => http.call<RunRecord[]>('GET', `/actionflows/${seg(actionflowId)}/runs`),
    attachActionflow: (screenId, name, actionflowId) => http.call<Screen>('PUT', `${button(screenId, name)}/actionflow`, { body: { actionflowId } }),
    detachActionflow: (screenId, name) => http.call<Screen>('DELETE', `${button(screenId, name)}/actionflow`),
    runButton: (screenId, name, form) => http.call<ButtonRunResult>('POST', `${button(screenId, name)}/run`, { body: { form } }),
    runningRuns: () => http.call<RunningRun[]>('GET', '/runs'),
    stopRun: (runId) => http.call<void>('POST', `/runs/${seg(runId)}/stop`),
    getClock: () => http.call<ClockView>('GET', '/clock'),
    fastForward: (ms) => http.call<ClockView>('POST', '/clock/fast-forward', { body: { ms } }),
  };
}
