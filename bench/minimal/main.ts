// The baseline of the navigation benchmark: the same stack as the sandbox (a Svelte app mounted
// after an MSW worker starts), doing nothing else.
import { mount, type Component } from 'svelte';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';

const worker = setupWorker(http.get('*/bench/constant', () => HttpResponse.json({ ok: true })));
await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
// Through import.meta.glob, as svelte-check does not type .svelte imports outside src/.
const [Ready] = Object.values(import.meta.glob<{ default: Component }>('./Ready.svelte', { eager: true })).map((m) => m.default);
mount(Ready!, { target: document.getElementById('app')! });
