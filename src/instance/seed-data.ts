/**
 * The data a fresh training instance is made of: the repository seed plus the Company Data. Both are
 * loaded on demand (their own chunk), since only seeding and resetting need them.
 */
import type { CompanyDataFile, TrainingInstanceSeed } from '../../fixtures/seed-types';

export type { CompanyDataFile, TrainingInstanceSeed };

/** Everything reset writes: the repository seed and the records of every Company Data table. */
export interface InstanceSeed {
  repository: TrainingInstanceSeed;
  companyData: CompanyDataFile;
}

let cached: Promise<InstanceSeed> | null = null;

/** The standard training instance (end of chapter 3.01: API Company Data allows anonymous calls). */
export function loadTrainingInstanceSeed(): Promise<InstanceSeed> {
  cached ??= Promise.all([
    import('../../fixtures/training-instance.json'),
    import('../../fixtures/company-data.json'),
  ]).then(([repository, companyData]) => ({
    repository: repository.default as TrainingInstanceSeed,
    companyData: companyData.default as CompanyDataFile,
  }));
  return cached;
}
