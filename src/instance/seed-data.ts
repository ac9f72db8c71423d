/**
 * The data a training instance is made of: a named start state's repository seed (small: the fresh
 * instance's comes with the page's first script, the others are chunks of their own) plus the
 * Company Data, which every start state shares. The Company Data is not JavaScript: the build ships
 * it as a JSON file (an asset, `?url`), fetched as data — its download started as early as the page
 * likes ({@link prefetchCompanyData}) and read and parsed only when asked for
 * ({@link loadCompanyDataSeed}) — with its download progress told.
 */
import companyDataUrl from '../../fixtures/company-data.json?url';
import trainingInstance from '../../fixtures/training-instance.json';
import { FRESH_FIXTURE, isFixtureName, unknownFixtureSentence, type FixtureName } from '$domain/fixtures';
import type { CompanyDataFile, TrainingInstanceSeed } from '../../fixtures/seed-types';

export type { CompanyDataFile, TrainingInstanceSeed };

/** Everything reset writes: the repository seed and the records of every Company Data table. */
export interface InstanceSeed {
  repository: TrainingInstanceSeed;
  companyData: CompanyDataFile;
}

/** How far the Company Data download is: bytes so far and in all (null when the server did not say). */
export type SeedProgress = (loaded: number, total: number | null) => void;

const progressListeners = new Set<SeedProgress>();

/** Reads a response body, telling each chunk's progress. */
async function readWithProgress(response: Response): Promise<string> {
  const total = Number(response.headers.get('content-length')) || null;
  if (!response.body || progressListeners.size === 0) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    text += decoder.decode(value, { stream: true });
    for (const listener of progressListeners) listener(loaded, total);
  }
  return text + decoder.decode();
}

/** A download started by {@link prefetchCompanyData}, its body not read yet. */
let prefetched: Promise<Response> | null = null;

/**
 * Starts the Company Data's download without reading it: the browser keeps the bytes coming
 * while the page boots, and nothing is decoded or parsed on the page's thread until
 * {@link loadCompanyDataSeed} asks for the data.
 */
export function prefetchCompanyData(): void {
  if (typeof document === 'undefined' || prefetched || cachedCompanyData) return;
  // Low priority: what the page needs to start goes first.
  prefetched = fetch(companyDataUrl, { priority: 'low' });
  prefetched.catch(() => {}); // A failed download is told by the load that reads it.
}

async function loadCompanyData(): Promise<CompanyDataFile> {
  if (typeof document !== 'undefined') {
    // A body is read once: a prefetched download serves one load (a failed load fetches again).
    const started = prefetched;
    prefetched = null;
    const response = await (started ?? fetch(companyDataUrl));
    if (!response.ok) throw new Error(`The Company Data could not be downloaded (HTTP ${response.status})`);
    return JSON.parse(await readWithProgress(response)) as CompanyDataFile;
  }
  // In node (unit tests, tools) the file is read from disk; the name is a variable so that the
  // browser build does not try to bundle node's file system module.
  const fsModule = 'node:fs/promises';
  const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  return JSON.parse(await readFile(new URL('../../fixtures/company-data.json', import.meta.url), 'utf8')) as CompanyDataFile;
}

/** Each start state's repository seed file (one line per fixture in `src/domain/fixtures.ts`). */
const REPOSITORY_SEEDS: Readonly<Record<FixtureName, () => Promise<{ default: unknown }>>> = {
  // The fresh instance's seed comes with the page's first script: a first visit writes it while
  // the rest of the code downloads, instead of waiting for a chunk of its own behind that code.
  'training-instance': async () => ({ default: trainingInstance }),
  'api-end-point-start': () => import('../../fixtures/api-end-point-start.json'),
  'data-import-start': () => import('../../fixtures/data-import-start.json'),
};

const repositories = new Map<FixtureName, Promise<TrainingInstanceSeed>>();
let cachedCompanyData: Promise<CompanyDataFile> | null = null;

/** The repository seed of a named start state (the training instance by default). */
export function loadRepositorySeed(name: FixtureName = FRESH_FIXTURE): Promise<TrainingInstanceSeed> {
  if (!isFixtureName(name)) return Promise.reject(new Error(unknownFixtureSentence(name)));
  let seed = repositories.get(name);
  if (!seed) {
    seed = REPOSITORY_SEEDS[name]().then((m) => m.default as TrainingInstanceSeed);
    seed.catch(() => repositories.delete(name));
    repositories.set(name, seed);
  }
  return seed;
}

/**
 * The Company Data, downloaded once per page (a failed download is tried again at the next call);
 * `onProgress` hears how far the download is until it ends.
 */
export function loadCompanyDataSeed(onProgress?: SeedProgress): Promise<CompanyDataFile> {
  if (onProgress) progressListeners.add(onProgress);
  cachedCompanyData ??= loadCompanyData();
  cachedCompanyData.catch(() => (cachedCompanyData = null));
  if (onProgress) {
    const done = () => progressListeners.delete(onProgress);
    cachedCompanyData.then(done, done);
  }
  return cachedCompanyData;
}

/** A named start state: its repository seed and the shared Company Data. */
export async function loadSeed(name: FixtureName = FRESH_FIXTURE): Promise<InstanceSeed> {
  const [repository, companyData] = await Promise.all([loadRepositorySeed(name), loadCompanyDataSeed()]);
  return { repository, companyData };
}

/** The standard training instance (end of chapter 3.01: API Company Data allows anonymous calls). */
export function loadTrainingInstanceSeed(): Promise<InstanceSeed> {
  return loadSeed(FRESH_FIXTURE);
}

