/** Logging in and out; the session id is kept in the client's session store. */
import { announceSessionChange } from '$instance/change-feed';
import type { Http } from './http';
import { SandboxApiError } from './http';
import type { SandboxClient, SessionInfo } from './types';

export function sessionMethods(http: Http): Pick<SandboxClient, 'sessionId' | 'login' | 'currentSession' | 'logout'> {
  return {
    sessionId: () => http.sessions.get(),
    async login(request) {
      const session = await http.call<SessionInfo>('POST', '/session', { body: request });
      http.sessions.set(session.sessionId);
      // The server announced the new session before this page stored it: say so again now, so
      // that whatever reads "the current session" (a lesson's check) reads it once more.
      announceSessionChange();
      return session;
    },
    async currentSession() {
      const asked = http.sessions.get();
      if (!asked) return null;
      try {
        return await http.call<SessionInfo>('GET', '/session');
      } catch (err) {
        if (err instanceof SandboxApiError && err.status === 401) {
          // Forget only the session that was refused: a login may have replaced it meanwhile.
          if (http.sessions.get() === asked) http.sessions.set(null);
          return null;
        }
        throw err;
      }
    },
    async logout() {
      try {
        await http.call<void>('DELETE', '/session');
      } finally {
        http.sessions.set(null);
        announceSessionChange();
      }
    },
  };
}
