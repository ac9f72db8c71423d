/**
 * The named start states of the course: one fixture per chapter start, each a repository seed in
 * `fixtures/<name>.json` sharing the one Company Data file. Names live here only; lessons, the
 * reset route, the instance and the UI import them.
 */

export const FIXTURE = {
  /**
   * The fresh training instance: the end of chapter 3.01 and the start of chapter 3.02 (API
   * Company Data answers anyone; the Call API screen calls it).
   */
  trainingInstance: 'training-instance',
  /**
   * The start of chapter 3.01: the Actionflow Advanced application with its tables and screens, no
   * API end point and no Call API actionflow (the Call API button has none).
   */
  apiEndPointStart: 'api-end-point-start',
  /**
   * The start of the import chapter: where chapter 3.02 ends (derived by running its solutions),
   * plus an Approve button on Company Approval Review running ApproveCompanies.
   */
  dataImportStart: 'data-import-start',
} as const;

export type FixtureName = (typeof FIXTURE)[keyof typeof FIXTURE];

/** Every fixture, in course order of the chapters that start from it. */
export const FIXTURE_NAMES: readonly FixtureName[] = [FIXTURE.apiEndPointStart, FIXTURE.trainingInstance, FIXTURE.dataImportStart];

/** What a reset without a name, and a first visit, give: the standard training instance. */
export const FRESH_FIXTURE: FixtureName = FIXTURE.trainingInstance;

/** What each fixture is, in a sentence an instructor reads when choosing one. */
export const FIXTURE_DESCRIPTIONS: Readonly<Record<FixtureName, string>> = {
  [FIXTURE.apiEndPointStart]: 'The application with its tables and screens, before any API end point or Call API actionflow exists (the start of chapter 3.01).',
  [FIXTURE.trainingInstance]: 'The standard training instance: API Company Data answers anyone and the Call API screen calls it (the end of 3.01, the start of 3.02).',
  [FIXTURE.dataImportStart]:
    'Where chapter 3.02 ends (apiagent, GenerateAPIToken, APIUsers; Call API sends a key, to be generated again), with an Approve button on Company Approval Review: the start of the import chapter.',
};

export function isFixtureName(value: unknown): value is FixtureName {
  return typeof value === 'string' && (FIXTURE_NAMES as readonly string[]).includes(value);
}

/** The sentence for a name that is not a fixture, listing the ones that are. */
export function unknownFixtureSentence(value: unknown): string {
  return `There is no start state named ${JSON.stringify(value)}; the sandbox has ${FIXTURE_NAMES.map((n) => `"${n}"`).join(', ')}.`;
}
