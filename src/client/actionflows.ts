/** Actionflow settings, HTTP actions, and running screen buttons. */
import type { Actionflow } from '$domain/actionflow';
import { seg, type Http } from './http';
import type { ButtonRunResult, SandboxClient } from './types';

export function actionflowMethods(http: Http): Pick<SandboxClient, 'updateActionflow' | 'updateHttpNode' | 'runButton'> {
  return {
    updateActionflow: (id, patch) => http.call<Actionflow>('PATCH', `/actionflows/${seg(id)}`, { body: patch }),
    updateHttpNode: (actionflowId, nodeId, node) =>
      http.call<Actionflow>('PUT', `/actionflows/${seg(actionflowId)}/nodes/${seg(nodeId)}`, { body: node }),
    runButton: (screenId, buttonName, form) =>
      http.call<ButtonRunResult>('POST', `/screens/${seg(screenId)}/buttons/${seg(buttonName)}/run`, { body: { form } }),
  };
}
