/**
 * The lesson UI's own handle on the instance database (the same IndexedDB database the server
 * uses; Dexie allows several connections). Lesson checks read snapshots through it and progress
 * is saved in its `progress` table.
 */
import { InstanceDb } from '$instance/db';

export const lessonDb = new InstanceDb();
