/**
 * Boot: open the instance database and seed it on a first visit, while the code downloads → start
 * the simulated server (MSW's service worker) → mount the UI. A first visit seeds the repository
 * (small; its seed comes with this script) as soon as the database is open, with the trainee's
 * session, and the Company Data (a JSON file, not a script, downloaded at low priority in parallel
 * with the boot) once the UI is up and drawn, with its progress in a status line.
 */
import { mount } from 'svelte';
import Dexie from 'dexie';
import { SESSION_STORAGE_KEY, defaultSessionStore } from '$client/http';
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
  const started = server.then((s) => (performance.mark('boot:server-code'), s.start()));
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
  say('Starting the simulated server…');
  await started;
  performance.mark('boot:server');
  document.getElementById('boot')?.remove();
  mount((await app).default, { target: document.getElementById('app')! });
  performance.mark('boot:mounted');
  if (await companyDataPending(db)) {
    // Once the sandbox is usable (start-up has logged the trainee in, or asks who logs in) and
    // drawn, or after 3 s at most: the UI's own first requests and first frame go first.
    const { sessionUi } = await import('./ui/session/session-ui.svelte');
    await Promise.race([sessionUi.started.then(afterFirstPaint), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    await finishSeeding(db);
  }
}

/** Writes the Company Data a first visit still lacks, saying how far it is in a status line. */
async function finishSeeding(db: InstanceDb): Promise<void> {
  const line = document.createElement('p');
  line.setAttribute('role', 'status');
  line.className = 'seed-status';
  document.body.append(line);
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
