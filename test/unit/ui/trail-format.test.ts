import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '$domain/entities';
import { auditQuery, isFiltered, matchesAuditFilters, NO_AUDIT_FILTERS } from '$ui/trails/audit-filter';
import { authorizationOf, headerLines, jsonText, newestFirst, prettyBody } from '$ui/trails/trail-format';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  at: '2026-01-01T10:00:00.000Z',
  runAs: 'system',
  runAsName: 'System',
  actionflow: 'API Company Data',
  endpoint: '/phixflow/api/2/companydata',
  outcome: 'success',
  status: 200,
  code: null,
  reason: null,
  ...over,
});

describe('trail formatting', () => {
  it('pretty-prints JSON bodies and leaves other text as it came', () => {
    expect(prettyBody('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', json: true });
    expect(prettyBody('plain <text>')).toEqual({ text: 'plain <text>', json: false });
    expect(prettyBody(null)).toEqual({ text: '(no body)', json: false });
  });

  it('lists headers sorted and finds Authorization whatever its case', () => {
    expect(headerLines({ b: '2', a: '1' })).toBe('a: 1\nb: 2');
    expect(headerLines({})).toBe('(none)');
    expect(authorizationOf({ Authorization: 'Bearer eyJhbG… (redacted)' })).toBe('Bearer eyJhbG… (redacted)');
    expect(authorizationOf({ accept: '*/*' })).toBeNull();
  });

  it('orders entries newest first, by id within the same instant', () => {
    const list = [
      { at: '2026-01-01T10:00:00.000Z', id: 1 },
      { at: '2026-01-01T10:00:01.000Z', id: 2 },
      { at: '2026-01-01T10:00:01.000Z', id: 3 },
    ];
    expect(newestFirst(list).map((e) => e.id)).toEqual([3, 2, 1]);
  });

  it('shows missing JSON as (none)', () => {
    expect(jsonText(null)).toBe('(none)');
    expect(jsonText({ alg: 'HS256' })).toBe('{\n  "alg": "HS256"\n}');
  });
});

describe('audit filters', () => {
  it('keeps entries that pass every filter set, and sends only the set ones', () => {
    const refused = entry({ runAs: 'apiagent', runAsName: 'API Agent', outcome: 'refused', status: 403 });
    expect(matchesAuditFilters(refused, NO_AUDIT_FILTERS)).toBe(true);
    expect(matchesAuditFilters(refused, { ...NO_AUDIT_FILTERS, runAs: 'system' })).toBe(false);
    expect(matchesAuditFilters(refused, { runAs: 'apiagent', actionflow: 'API Company Data', outcome: 'refused' })).toBe(true);
    expect(matchesAuditFilters(entry({}), { ...NO_AUDIT_FILTERS, outcome: 'error' })).toBe(false);
    expect(auditQuery(NO_AUDIT_FILTERS, 200)).toEqual({ limit: 200 });
    expect(auditQuery({ ...NO_AUDIT_FILTERS, outcome: 'error' }, 200)).toEqual({ limit: 200, outcome: 'error' });
    expect(isFiltered(NO_AUDIT_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_AUDIT_FILTERS, actionflow: 'Call API' })).toBe(true);
  });
});
