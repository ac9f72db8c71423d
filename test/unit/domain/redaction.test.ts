import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, shortenCredential } from '../../../src/domain/redaction';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcGlhZ2VudCJ9.c2lnbmF0dXJlLW9mLXRoZS1rZXk';

describe('createRedactor', () => {
  const secret = 'Db!7uQm4Rz9 Ls2"Xe/';
  const r = createRedactor([secret, 'phixflow']);

  it('replaces JWT-shaped values, whole or cut short, in any text', () => {
    expect(r.text(`key ${JWT} end`)).toBe(`key ${REDACTED} end`);
    expect(r.text(`half ${JWT.split('.').slice(0, 2).join('.')}.`)).toBe(`half ${REDACTED}`);
  });

  it('replaces a known secret in each of its spellings: as is, URL-encoded, form-encoded, JSON-escaped', () => {
    expect(r.text(`a ${secret} b`)).toBe(`a ${REDACTED} b`);
    expect(r.text(`?q=${encodeURIComponent(secret)}`)).toBe(`?q=${REDACTED}`);
    expect(r.text(`q=${encodeURIComponent(secret).replace(/%20/g, '+')}`)).toBe(`q=${REDACTED}`);
    expect(r.body(JSON.stringify({ note: secret }))).toBe(JSON.stringify({ note: REDACTED }));
  });

  it('leaves short known secrets alone in free text (they would match ordinary words) but masks credential-named fields', () => {
    expect(r.text('/phixflow/api/2/companydata')).toBe('/phixflow/api/2/companydata');
    expect(r.body('{"password":"abc","Secret":"x","apiKey":"y","X-Token":7,"login":"trainee"}')).toBe(
      `{"password":"${REDACTED}","Secret":"${REDACTED}","apiKey":"${REDACTED}","X-Token":"${REDACTED}","login":"trainee"}`,
    );
  });

  it('masks credential-named pairs of a form or query, and field names that are themselves credentials', () => {
    expect(r.body('login=trainee&password=Training123!')).toBe(`login=trainee&password=${REDACTED}`);
    expect(r.url(new URL(`http://x/p?session=abc&ok=1&token=${JWT}`))).toBe(`/p?session=${REDACTED}&ok=1&token=${REDACTED}`);
    expect(r.body(JSON.stringify({ [JWT]: 1 }))).toBe(JSON.stringify({ [REDACTED]: 1 }));
  });

  it('masks credential headers, shortening the standard ones, and redacts the others by value', () => {
    const headers = r.headers({ Authorization: `Bearer ${JWT}`, 'X-API-Key': 'short', 'X-Note': `has ${secret}`, Accept: 'application/json' });
    expect(headers).toEqual({ Authorization: 'Bearer eyJhbG… (redacted)', 'X-API-Key': REDACTED, 'X-Note': `has ${REDACTED}`, Accept: 'application/json' });
  });

  it('redacts every text of a record and survives deep nesting', () => {
    expect(r.record({ reason: `failed with ${JWT}`, status: 401 })).toEqual({ reason: `failed with ${REDACTED}`, status: 401 });
    const deep = `${'['.repeat(100_000)}"${JWT}"${']'.repeat(100_000)}`;
    expect(r.body(deep)).not.toContain(JWT);
  });
});

describe('shortenCredential', () => {
  it('shows the first characters of a long credential and masks a short one whole', () => {
    expect(shortenCredential('Bearer abcdefghijklmnopqrstuvwxyz')).toBe('Bearer abcdef… (redacted)');
    expect(shortenCredential('hunter2')).toBe(REDACTED);
    expect(shortenCredential('Bearer')).toBe('Bearer');
  });
});
