/**
 * Boot order: open the instance database → seed it on first open → start the simulated server
 * (service worker) → mount the UI. The server's code loads in parallel with the seeding.
 */
import { mount } from 'svelte';
import { InstanceDb } from '$instance/db';
import { seedInstance } from '$instance/reset';
import './ui/styles.css';

const status = document.getElementById('boot-status');
const say = (text: string) => {
  if (status) status.textContent = text;
};

async function boot(): Promise<void> {
  const db = new InstanceDb();
  const server = import('$server/browser');
  const app = import('./ui/App.svelte');
  say('Preparing your training instance…');
  await seedInstance(db);
  say('Starting the simulated server…');
  await (await server).startServer(db);
  document.getElementById('boot')?.remove();
  mount((await app).default, { target: document.getElementById('app')! });
}

boot().catch((err: unknown) => {
  console.error(err);
  say(`The sandbox could not start: ${err instanceof Error ? err.message : String(err)}. Reload the page to try again.`);
  status?.setAttribute('role', 'alert');
});
