/**
 * Boot order: open the instance database → seed it on first open → start the simulated server
 * (service worker) → mount the UI. The server's code loads in parallel with the seeding.
 */
import { mount } from 'svelte';
import Dexie from 'dexie';
import { SESSION_STORAGE_KEY } from '$client/http';
import { DEFAULT_DB_NAME, InstanceDb } from '$instance/db';
import { LOGGED_OUT_KEY } from './ui/session/session-start';
import { START_OVER_KEY } from './ui/session/start-over';
import { seedInstance } from '$instance/reset';
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
  say('Preparing your training instance…');
  // Asked, not awaited: without it the browser may clear the instance when the disk runs low. The
  // instructor page says whether it was granted.
  void navigator.storage?.persist?.().catch(() => false);
  await seedInstance(db);
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
