/** The keystore and API keys. */
import type { ApiKeyRecord } from '$domain/entities';
import { seg, type Http } from './http';
import type { GeneratedApiKey, KeyInspection, KeystoreEntry, SandboxClient } from './types';

type KeyMethods = Pick<
  SandboxClient,
  | 'listKeystore'
  | 'addKeystoreAlias'
  | 'setKeystoreSecret'
  | 'deleteKeystoreAlias'
  | 'generateApiKey'
  | 'listApiKeys'
  | 'revokeApiKey'
  | 'inspectKey'
>;

export function keyMethods(http: Http): KeyMethods {
  return {
    listKeystore: () => http.call<KeystoreEntry[]>('GET', '/keystore'),
    addKeystoreAlias: (alias, secret) => http.call<KeystoreEntry>('POST', '/keystore', { body: { alias, secret } }),
    setKeystoreSecret: (alias, secret) => http.call<KeystoreEntry>('PUT', `/keystore/${seg(alias)}`, { body: { secret } }),
    deleteKeystoreAlias: (alias) => http.call<void>('DELETE', `/keystore/${seg(alias)}`),

    generateApiKey: (userId, request = {}) => http.call<GeneratedApiKey>('POST', `/users/${seg(userId)}/api-keys`, { body: request }),
    listApiKeys: (userId) => http.call<ApiKeyRecord[]>('GET', `/users/${seg(userId)}/api-keys`),
    revokeApiKey: (jti) => http.call<ApiKeyRecord>('DELETE', `/api-keys/${seg(jti)}`),
    inspectKey: (key) => http.call<KeyInspection>('POST', '/keys/inspect', { body: { key } }),
  };
}
