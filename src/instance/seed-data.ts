/**
 * The data a fresh training instance is made of: the repository seed (small; its own chunk) plus
 * the Company Data. The Company Data is not JavaScript: the build ships it as a JSON file (an asset,
 * `?url`), fetched as data — started as early as the page likes ({@link prefetchTrainingInstanceSeed})
 * and parsed by the browser off the script's critical path — with its download progress told.
 */
import companyDataUrl from '../../fixtures/company-data.json?url';
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

async function loadCompanyData(): Promise<CompanyDataFile> {
  if (typeof document !== 'undefined') {
    const response = await fetch(companyDataUrl);
    if (!response.ok) throw new Error(`The Company Data could not be downloaded (HTTP ${response.status})`);
    return JSON.parse(await readWithProgress(response)) as CompanyDataFile;
  }
  // In node (unit tests, tools) the file is read from disk; the name is a variable so that the
  // browser build does not try to bundle node's file system module.
  const fsModule = 'node:fs/promises';
  const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  return JSON.parse(await readFile(new URL('../../fixtures/company-data.json', import.meta.url), 'utf8')) as CompanyDataFile;
}

let cachedRepository: Promise<TrainingInstanceSeed> | null = null;
let cachedCompanyData: Promise<CompanyDataFile> | null = null;

/** The repository part of the training instance (small: its own chunk). */
export function loadRepositorySeed(): Promise<TrainingInstanceSeed> {
  cachedRepository ??= import('../../fixtures/training-instance.json').then((m) => m.default as TrainingInstanceSeed);
  cachedRepository.catch(() => (cachedRepository = null));
  return cachedRepository;
}

/** The Company Data (downloaded once per page; progress told to {@link prefetchTrainingInstanceSeed}'s listener). */
export function loadCompanyDataSeed(onProgress?: SeedProgress): Promise<CompanyDataFile> {
  if (onProgress) {
    progressListeners.add(onProgress);
  }
  cachedCompanyData ??= loadCompanyData();
  cachedCompanyData.catch(() => (cachedCompanyData = null));
  if (onProgress) {
    const done = () => progressListeners.delete(onProgress);
    cachedCompanyData.then(done, done);
  }
  return cachedCompanyData;
}

let cached: Promise<InstanceSeed> | null = null;

/** The standard training instance (end of chapter 3.01: API Company Data allows anonymous calls). */
export function loadTrainingInstanceSeed(): Promise<InstanceSeed> {
  cached ??= Promise.all([loadRepositorySeed(), loadCompanyDataSeed()]).then(([repository, companyData]) => ({ repository, companyData }));
  cached.catch(() => (cached = null));
  return cached;
}

