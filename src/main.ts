/**
 * Boot: open the instance database and seed it on a first visit, while the code downloads → mount
 * the UI, its calls answered in the page by the simulated server's handlers while MSW's service
 * worker starts, and through the worker once it has. A first visit seeds the repository
 * (small; its seed comes with this script) as soon as the database is open, with the trainee's
 * session, and the Company Data (a JSON file, not a script, downloaded at low priority in parallel
 * with the boot) once the UI is up and drawn, with its progress in a status line.
 */
import { mount } from 'svelte';
import Dexie from 'dexie';
import { SESSION_STORAGE_KEY, defaultSessionStore, usePageTransport } from '$client/http';
import { DEFAULT_DB_NAME, InstanceDb } from '$instance/db';
import { LOGGED_OUT_KEY, TRAINING_LOGIN, loggedOutOnPurpose, startupAction } from './ui/session/session-start';
import { START_OVER_KEY } from './ui/session/start-over';
import { companyDataPending, isSeeded, seedCompanyData, seedRepositoryFirst } from '$instance/reset';
import { loadCompanyDataSeed, loadRepositorySeed, prefetchCompanyData } from '$instance/seed-data';
import { isQuotaError, storageFullSentence } from '$instance/storage';
import { afterFirstPaint } from './ui/state/idle';
import { chapterShownAtStart, preloadChapterView, rememberedChapter } from './ui/lessons/chapter-view';
import { coursePageAtStart, loadChapters, preloadCoursePages } from './ui/lessons/course-view';
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
  performance.mark('boot:main');
  await startOverIfAsked();
  const db = new InstanceDb();
  // The code downloads from the start while the database opens and a first visit is seeded
  // (nothing asks the server anything before the UI is mounted).
  const repositorySeed = loadRepositorySeed();
  repositorySeed.catch(() => {}); // Not needed once seeded; a first visit awaits it below.
  const server = import('$server/browser').then((code) => code.createBrowserServer(db));
  const app = import('./ui/App.svelte');
  // A page that opens on a chapter or a course page needs its view and the chapters at once:
  // fetched with the code, not after it.
  const onChapter = chapterShownAtStart(location.hash, rememberedChapter());
  const onCoursePage = coursePageAtStart(location.hash);
  if (onChapter) preloadChapterView();
  if (onCoursePage) preloadCoursePages();
  if (onChapter || onCoursePage) loadChapters().catch(() => {});
  // Asked, not awaited: without it the browser may clear the instance when the disk runs low. The
  // instructor page says whether it was granted.
  void navigator.storage?.persist?.().catch(() => false);
  const seeded = (async () => {
    if (await isSeeded(db)) return;
    performance.mark('boot:is-seeded');
    // A first visit: the repository is seeded at once (it is small); the Company Data downloads as
    // data meanwhile, and is read and written once the sandbox is up, with its progress shown.
    say('Preparing your training instance…');
    // Once the code is in, so that the large file does not hold up the files boot waits for.
    void Promise.all([server, app]).then(prefetchCompanyData, () => {});
    const seed = await repositorySeed;
    performance.mark('boot:seed-loaded');
    if (!(await seedRepositoryFirst(db, seed))) return;
    performance.mark('boot:seeded');
    // A fresh instance opens with the learner logged in as the trainee, as start-up would log
    // them in (unless they logged out on purpose), without a login's round trip and password hash.
    if (startupAction(false, loggedOutOnPurpose()) === 'auto-login') {
      const sessionId = await (await server).openSessionFor(TRAINING_LOGIN.login);
      if (sessionId) defaultSessionStore().set(sessionId);
      performance.mark('boot:session');
    }
  })();
  await seeded;
  const simulated = await server;
  // Until the service worker has started, the UI's calls (and HTTP actions' calls to this origin)
  // are answered in the page by the same handlers: the sandbox shows without waiting for it.
  usePageTransport(simulated.fetch);
  document.getElementById('boot')?.remove();
  mount((await app).default, { target: document.getElementById('app')! });
  performance.mark('boot:mounted');
  // Once the sandbox is usable (start-up has logged the trainee in, or asks who logs in) and drawn,
  // or after 3 s at most, the worker starts, and a first visit adds the Company Data: the UI's own
  // first requests and first frame go first. A worker that cannot start leaves the calls answered
  // in the page.
  const { sessionUi } = await import('./ui/session/session-ui.svelte');
  const shown = Promise.race([sessionUi.started.then(afterFirstPaint), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  void shown.then(() => simulated.start()).then(() => performance.mark('boot:server'), workerFailed);
  if (await companyDataPending(db)) {
    await shown;
    await finishSeeding(db);
  }
}

/** The service worker did not start: the sandbox works on, its calls answered in the page. */
function workerFailed(err: unknown): void {
  console.error(err);
  const line = statusLine();
  line.textContent =
    "The service worker that carries the sandbox's HTTP calls could not start (this browser or window may not allow one). " +
    "The sandbox works on, answering them inside this page, but they do not show in the browser's developer tools.";
  // Long enough to be read; the console keeps the worker's own error.
  setTimeout(() => line.remove(), 20_000);
}

/** A new line in the status corner at the bottom left (created with the first). */
function statusLine(): HTMLElement {
  let corner = document.getElementById('boot-lines');
  if (!corner) {
    corner = document.createElement('div');
    corner.id = 'boot-lines';
    corner.className = 'boot-lines';
    document.body.append(corner);
  }
  const line = document.createElement('p');
  line.setAttribute('role', 'status');
  line.className = 'boot-line';
  corner.append(line);
  return line;
}

/** Writes the Company Data a first visit still lacks, saying how far it is in a status line. */
async function finishSeeding(db: InstanceDb): Promise<void> {
  const line = statusLine();
  try {
    line.textContent = 'Downloading the Company Data…';
    const data = await loadCompanyDataSeed((loaded, total) => {
      line.textContent = total ? `Downloading the Company Data: ${Math.round((100 * loaded) / total)}%` : `Downloading the Company Data: ${Math.round(loaded / 1024)} KB`;
    });
    let written = 0;
    line.textContent = 'Adding the Company Data to your instance…';
    await seedCompanyData(db, data, () => {
      line.textContent = `Adding the Company Data to your instance: ${++written} of 4 tables`;
    });
    line.textContent = 'The Company Data is ready.';
    setTimeout(() => line.remove(), 3_000);
  } catch (err) {
    line.setAttribute('role', 'alert');
    line.textContent = isQuotaError(err)
      ? storageFullSentence('the Company Data')
      : `The Company Data could not be added: ${err instanceof Error ? err.message : String(err)}. Reload the page to try again.`;
  }
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
