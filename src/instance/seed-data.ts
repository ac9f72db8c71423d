/**
 * The data a training instance is made of: a named start state's repository seed plus the Company
 * Data, which every start state shares. Both are loaded on demand (their own chunks), since only
 * seeding and resetting need them.
 */
import { FRESH_FIXTURE, isFixtureName, unknownFixtureSentence, type FixtureName } from '$domain/fixtures';
import type { CompanyDataFile, TrainingInstanceSeed } from '../../fixtures/seed-types';

export type { CompanyDataFile, TrainingInstanceSeed };

/** Everything reset writes: the repository seed and the records of every Company Data table. */
export interface InstanceSeed {
  repository: TrainingInstanceSeed;
  companyData: CompanyDataFile;
}

/** Each start state's repository seed file (one line per fixture in `src/domain/fixtures.ts`). */
const REPOSITORY_SEEDS: Readonly<Record<FixtureName, () => Promise<{ default: unknown }>>> = {
  'training-instance': () => import('../../fixtures/training-instance.json'),
  'api-end-point-start': () => import('../../fixtures/api-end-point-start.json'),
  'data-import-start': () => import('../../fixtures/data-import-start.json'),
};

let companyData: Promise<CompanyDataFile> | null = null;
const repositories = new Map<FixtureName, Promise<TrainingInstanceSeed>>();

/** The Company Data every start state shares. */
export function loadCompanyData(): Promise<CompanyDataFile> {
  companyData ??= import('../../fixtures/company-data.json').then((m) => m.default as CompanyDataFile);
  return companyData;
}

/** The repository seed of a named start state. */
export function loadRepositorySeed(name: FixtureName): Promise<TrainingInstanceSeed> {
  if (!isFixtureName(name)) return Promise.reject(new Error(unknownFixtureSentence(name)));
  let seed = repositories.get(name);
  if (!seed) {
    seed = REPOSITORY_SEEDS[name]().then((m) => m.default as TrainingInstanceSeed);
    repositories.set(name, seed);
  }
  return seed;
}

/** A named start state: its repository seed and the shared Company Data. */
export async function loadSeed(name: FixtureName = FRESH_FIXTURE): Promise<InstanceSeed> {
  const [repository, data] = await Promise.all([loadRepositorySeed(name), loadCompanyData()]);
  return { repository, companyData: data };
}

/** The standard training instance (end of chapter 3.01: API Company Data allows anonymous calls). */
export function loadTrainingInstanceSeed(): Promise<InstanceSeed> {
  return loadSeed(FRESH_FIXTURE);
}
