/**
 * A first visit starts the Company Data's download early and reads it only when it is written: the
 * prefetched download serves the load (one request), and a failed one is fetched again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const body = JSON.stringify({ companies: [{ CompanyID: 'C1' }], orders: [], orderLines: [], additionalCompanies: [] });

describe('the Company Data prefetch', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.resetModules();
    // The browser's path of seed-data.ts (it reads from disk where there is no document).
    vi.stubGlobal('document', {});
    fetchMock = vi.fn(async () => new Response(body, { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is fetched once, at low priority, and read by the load that asks for it', async () => {
    const { prefetchCompanyData, loadCompanyDataSeed } = await import('$instance/seed-data');
    prefetchCompanyData();
    prefetchCompanyData();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ priority: 'low' });
    const data = await loadCompanyDataSeed();
    expect(data.companies).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Loaded once per page: a later prefetch or load asks for nothing more.
    prefetchCompanyData();
    expect(await loadCompanyDataSeed()).toBe(data);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('a failed prefetch is told by the load, and the next load fetches again', async () => {
    fetchMock.mockImplementationOnce(async () => new Response('gone', { status: 503 }));
    const { prefetchCompanyData, loadCompanyDataSeed } = await import('$instance/seed-data');
    prefetchCompanyData();
    await expect(loadCompanyDataSeed()).rejects.toThrow('HTTP 503');
    expect((await loadCompanyDataSeed()).companies).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('a download that never reached the server is told by the load too', async () => {
    fetchMock.mockImplementationOnce(async () => {
      throw new TypeError('Failed to fetch');
    });
    const { prefetchCompanyData, loadCompanyDataSeed } = await import('$instance/seed-data');
    prefetchCompanyData();
    await expect(loadCompanyDataSeed()).rejects.toThrow('Failed to fetch');
    expect((await loadCompanyDataSeed()).companies).toHaveLength(1);
  });
});
