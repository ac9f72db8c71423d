/** What a view says of a table whose rows a first visit is still adding (the Company Data). */
export const SEEDING_NOTE = 'The Company Data is still being added to your instance: the records appear as they are written.';

/** A row count's place while the table's rows are still being added. */
export const SEEDING_COUNT = 'Being added…';
