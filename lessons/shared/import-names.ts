/**
 * The fixed names of the import chapter's part of the training instance: its two screens and their
 * buttons, the actionflow the start state has on Company Approval Review, and the tables the import
 * reads and writes. The start state's derivation (fixtures/data-import-start.ts) and the chapter
 * import them from here.
 */
export const APPROVAL_SCREEN_ID = 'screen-company-approval-review';
export const APPROVAL_SCREEN = 'Company Approval Review';
export const MANAGEMENT_SCREEN_ID = 'screen-company-management';
export const MANAGEMENT_SCREEN = 'Company Management';
export const IMPORT_BUTTON = 'Import';
export const APPROVE_BUTTON = 'Approve';
/** The actionflow the start state has on the Approve button. */
export const APPROVE_FLOW = 'ApproveCompanies';
export const IMPORTS_TABLE_ID = 'table-additional-companies';
export const IMPORTS_TABLE = 'AdditionalCompanies_Processed';
export const COMPANIES_TABLE_ID = 'table-companies';
export const COMPANIES_TABLE = 'Companies';
