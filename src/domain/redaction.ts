/**
 * Keeping credentials out of the request log and the audit trail, by what they are rather than by
 * where they were put: anything shaped like a JWT (an API key, whole or in part), and every known
 * secret of the instance (keystore values, HTTP actions' secret keys, session ids) wherever it
 * appears — URL, any header, any body field of any name, an error sentence. Fields whose name says
 * they hold a credential (password, secret, token, session…) are masked too, for the values the
 * instance does not know (a password as typed, a secret it refused to save).
 */

/** What the trails show in place of a credential. */
export const REDACTED = '[redacted]';

/**
 * Known secrets shorter than this are not looked for in free text: they would match ordinary words
 * (the keystore's database user is `phixflow`, which every end point URL holds). They are still
 * masked in fields named like a credential.
 */
export const MIN_KNOWN_SECRET_LENGTH = 10;

/**
 * A JWT, whole or cut short: a base64url JSON header (`eyJ…`, the encoding of `{"`), a dot, and
 * what follows. An API key is always caught, however it is framed.
 */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;

/** Names of fields, headers and query parameters that hold credentials. */
export const CREDENTIAL_NAME = /passw(?:or)?d|pwd|secret|token|pepper|credential|session|cookie|authori[sz]ation|api[-_]?key|(?:^|[-_])key$|private[-_]?key/i;

/** Headers whose value is shown shortened to its first characters (enough to tell two apart). */
const SHORTENED_HEADERS = new Set(['authorization', 'x-sandbox-session', 'cookie']);

/** Removes credentials from the texts of one call. */
export interface Redactor {
  /** The text with every JWT-shaped value and known secret replaced by {@link REDACTED}. */
  text(text: string): string;
  /**
   * A request or response body: JSON is walked (credential-named fields masked, every string and
   * field name redacted) and written back; any other text is redacted as text, `name=value` pairs
   * with a credential name included.
   */
  body(text: string | null): string | null;
  /** Headers: credential headers masked (the three standard ones shortened), the rest redacted by value. */
  headers(headers: Headers | Record<string, string>): Record<string, string>;
  /** A URL's path and query, with credential-named query parameters masked and values redacted. */
  url(url: URL): string;
  /** Every text of a record (e.g. an audit entry), redacted. */
  record<T extends object>(record: T): T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings a secret takes in a URL, a form or a JSON text. */
function spellings(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  return [secret, uri, uri.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)];
}

/**
 * Shows the first characters of a long credential, enough to tell two apart and never enough to
 * use one; a short one (which a prefix would give half away) is masked whole.
 */
export function shortenCredential(value: string): string {
  const trimmed = value.trim();
  if (/^bearer$/i.test(trimmed)) return trimmed;
  const [scheme, rest] = /^bearer\s+/i.test(trimmed) ? [trimmed.slice(0, 7), trimmed.slice(7).trim()] : ['', trimmed];
  if (!rest) return scheme.trim();
  return rest.length >= 20 ? `${scheme}${rest.slice(0, 6)}… (redacted)` : `${scheme}${REDACTED}`;
}

/**
 * A redactor that knows these secrets. Pure: the server gives it the instance's secrets of the
 * moment and the credentials of the request itself.
 */
export function createRedactor(knownSecrets: Iterable<string>): Redactor {
  const variants = new Set<string>();
  for (const secret of knownSecrets) {
    if (secret.length < MIN_KNOWN_SECRET_LENGTH) continue;
    for (const spelling of spellings(secret)) variants.add(spelling);
  }
  // Longest first, so a secret that holds another is replaced whole.
  const known = variants.size === 0 ? null : new RegExp([...variants].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');

  const text = (value: string): string => {
    let out = value.replace(JWT_SHAPED, REDACTED);
    if (known) out = out.replace(known, REDACTED);
    return out;
  };

  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    // A body nested deeper than this is shown as a sentence rather than walked.
    if (depth > 64) return REDACTED;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [name, inner] of Object.entries(value)) {
        const masked = CREDENTIAL_NAME.test(name) && (typeof inner === 'string' || typeof inner === 'number') && inner !== '';
        out[text(name)] = masked ? REDACTED : walk(inner, depth + 1);
      }
      return out;
    }
    return value;
  };

  const pairs = (value: string): string =>
    value.replace(/(^|[?&\s;])([^=&?\s;]+)=([^&\s;]*)/g, (whole, lead: string, name: string, inner: string) => {
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: test the name as written.
      }
      return CREDENTIAL_NAME.test(decoded) && inner !== '' ? `${lead}${name}=${REDACTED}` : whole;
    });

  return {
    text,
    body(value) {
      if (value === null || value === '') return value;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return text(pairs(value));
      }
      return JSON.stringify(walk(parsed, 0));
    },
    headers(headers) {
      const out: Record<string, string> = {};
      const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
      for (const [name, value] of entries) {
        const lower = name.toLowerCase();
        out[text(name)] = SHORTENED_HEADERS.has(lower) ? text(shortenCredential(value)) : CREDENTIAL_NAME.test(lower) && value !== '' ? REDACTED : text(value);
      }
      return out;
    },
    url(url) {
      return text(url.pathname + pairs(url.search));
    },
    record(record) {
      return walk(record, 0) as typeof record;
    },
  };
}
