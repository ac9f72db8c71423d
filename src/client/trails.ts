/** The audit trail, the request log, the instance routes and the API console's plain calls. */
import type { AuditEntry, RequestLogEntry } from '$domain/entities';
import type { Http } from './http';
import type { EndpointResponse, InstanceFile, SandboxClient, TrailRetention } from './types';

type TrailMethods = Pick<
  SandboxClient,
  'listAudit' | 'listRequestLog' | 'trailRetention' | 'resetInstance' | 'exportInstance' | 'importInstance' | 'callEndpoint'
>;

export function trailMethods(http: Http): TrailMethods {
  return {
    listAudit: (query = {}) => http.call<AuditEntry[]>('GET', '/audit', { query: { ...query } }),
    listRequestLog: (query = {}) => http.call<RequestLogEntry[]>('GET', '/request-log', { query: { ...query } }),
    trailRetention: (trail) => http.call<TrailRetention>('GET', trail === 'audit' ? '/audit/retention' : '/request-log/retention'),

    resetInstance: (options) => http.call<void>('POST', '/instance/reset', options ? { body: options } : {}),
    exportInstance: (options = {}) => http.call<InstanceFile>('GET', '/instance/export', { query: { secrets: options.secrets ? 'include' : 'omit' } }),
    importInstance: (file) => http.call<void>('POST', '/instance/import', typeof file === 'string' ? { jsonText: file } : { body: file }),

    async callEndpoint(request): Promise<EndpointResponse> {
      const url = /^[a-z][a-z0-9+.-]*:/i.test(request.url) ? request.url : `${http.origin}${request.url.startsWith('/') ? '' : '/'}${request.url}`;
      const method = request.method.toUpperCase();
      const startedAt = performance.now();
      const response = await http.fetch(url, {
        method,
        headers: request.headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : request.body,
      });
      const body = await response.text();
      const durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
      return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body, durationMs };
    },
  };
}
