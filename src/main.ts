/**
 * Boot order: open the instance database → seed it on first open → start the simulated server
 * (service worker) → mount the UI. The server's and the UI's code load in parallel with the
 * Company Data's download (a JSON file, not a script) and the seeding, whose progress the boot
 * page shows.
 */
import { mount } from 'svelte';
import Dexie from 'dexie';
import { SESSION_STORAGE_KEY } from '$client/http';
import { DEFAULT_DB_NAME, INSTANCE_TABLES, InstanceDb } from '$instance/db';
import { LOGGED_OUT_KEY } from './ui/session/session-start';
import { START_OVER_KEY } from './ui/session/start-over';
import { isSeeded, seedInstance } from '$instance/reset';
import { prefetchTrainingInstanceSeed } from '$instance/seed-data';
import { isQuotaError, storageFullSentence } from '$instance/storage';
import './ui/styles.css';

const status = document.getElementById('boot-status');
const say = (text: string) => {
  if (status) status.textContent = text;
};


/** A learner locked out of every designer login asked for a fresh instance: delete this one first. */
async function startOverIfAsked(): Promise<void> {
  if (localStorage.getItem(START_OVER_KEY) !== '1') return;
  say('Deleting the old instance…');
  await Dexie.delete(DEFAULT_DB_NAME);
  for (const key of [START_OVER_KEY, SESSION_STORAGE_KEY, LOGGED_OUT_KEY]) localStorage.removeItem(key);
}

async function boot(): Promise<void> {
  await startOverIfAsked();
  const db = new InstanceDb();
  const server = import('$server/browser');
  const app = import('./ui/App.svelte');
  // Asked, not awaited: without it the browser may clear the instance when the disk runs low. The
  // instructor page says whether it was granted.
  void navigator.storage?.persist?.().catch(() => false);
  if (!(await isSeeded(db))) {
    // A first visit: the Company Data downloads as data while the app's code loads, and the page
    // (painted already) says how far it is.
    say('Downloading the Company Data…');
    const seed = await prefetchTrainingInstanceSeed((loaded, total) =>
      say(total ? `Downloading the Company Data: ${Math.round((100 * loaded) / total)}%` : `Downloading the Company Data: ${Math.round(loaded / 1024)} KB`),
    );
    say('Preparing your training instance…');
    let written = 0;
    await seedInstance(db, {
      seed,
      onTableWritten: () => say(`Preparing your training instance: ${Math.round((100 * ++written) / INSTANCE_TABLES.length)}%`),
    });
  }
  say('Starting the simulated server…');
  await (await server).startServer(db);
  document.getElementById('boot')?.remove();
  mount((await app).default, { target: document.getElementById('app')! });
}

boot().catch((err: unknown) => {
  console.error(err);
  say(
    isQuotaError(err)
      ? `The sandbox could not start: ${storageFullSentence('the training instance')}`
      : `The sandbox could not start: ${err instanceof Error ? err.message : String(err)}. Reload the page to try again.`,
  );
  status?.setAttribute('role', 'alert');
});
