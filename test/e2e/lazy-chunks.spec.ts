// What a learner sees when a part of the sandbox loaded on demand does not arrive (a dropped
// connection), and that it comes once the connection is back, without a reload.
import { expect, test } from '@playwright/test';
import { CHAPTER, currentStep, lessonPanel, waitForSandbox } from './support/lessons';

test.describe.configure({ timeout: 60_000 });

test('a chapter whose code does not load says so, and opens when asked again once it loads', async ({ page, context }) => {
  let blocked = true;
  // Through the service worker too: the page's downloads pass through it once it has started.
  await context.route(/\/assets\/lesson-machine-[^/]+\.js$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/');
  await waitForSandbox(page);
  await page.goto(`/#/course/${CHAPTER.id}`);
  await expect(lessonPanel(page).getByRole('alert')).toContainText('The chapter could not be opened: its code did not load');
  await expect(lessonPanel(page).getByRole('button', { name: 'Check' })).toHaveCount(0);

  blocked = false;
  await page.goto('/#/');
  await page.goto(`/#/course/${CHAPTER.id}`);
  await expect(currentStep(page)).toHaveAccessibleName(/^Step 1 of \d+:/);
  await expect(lessonPanel(page).getByRole('alert')).toHaveCount(0);
});

test('a course page whose code does not load says so, and shows once it loads', async ({ page, context }) => {
  let blocked = true;
  await context.route(/\/assets\/CoursePages-[^/]+\.js$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/');
  await waitForSandbox(page);
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Course' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This page could not be shown');

  blocked = false;
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Instructor' }).click();
  await expect(page.getByRole('main').getByRole('heading', { name: 'Instructor tools' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Course' }).click();
  await expect(page.getByRole('main').getByRole('heading', { name: 'Course', exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test("the lesson panel's word that the course did not load goes once a course page has loaded it", async ({ page, context }) => {
  let blocked = true;
  await context.route(/\/assets\/chapters-[^/]+\.js$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/');
  await waitForSandbox(page);
  await page.goto(`/#/course/${CHAPTER.id}`);
  await expect(lessonPanel(page).getByRole('alert')).toContainText('The course could not be loaded: its code did not load');

  blocked = false;
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Course' }).click();
  await expect(page.getByRole('main').getByRole('heading', { name: 'Course', exact: true })).toBeVisible();
  await expect(lessonPanel(page).getByRole('alert')).toHaveCount(0);
});
