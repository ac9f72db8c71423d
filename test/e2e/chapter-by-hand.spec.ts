/**
 * Acceptance of the simulated platform's UI: chapter 3.02 done by hand, as a learner does it with
 * the mouse, through the platform UI only — no "Show me", no calls to the sandbox's API from the
 * test. The lesson panel beside it must see every step done (passed, not passed with help).
 */
import { expect, test } from '@playwright/test';
import {
  addGroupToRole,
  callSucceeds,
  createApiUser,
  createRole,
  createUserGroup,
  expectStepPassed,
  expectLoginStepPassed,
  generateApiKey,
  joinApiUsers,
  leaveApiUsers,
  logInAgain,
  logInAsApiAgent,
  seeCallRefused,
  sendKey,
  setSigningKey,
  testAsYourself,
  turnOffAnonymous,
} from './support/chapter-by-hand';
import { startChapter, stepList } from './support/lessons';

test('chapter 3.02 by hand: the end point is secured and called with apiagent’s key, and the audit trail names API Agent', async ({ page, context }) => {
  test.setTimeout(300_000); // fifteen steps with drags and typing, on a loaded two-core machine
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await startChapter(page);
  const passed = (n: number) => expectStepPassed(page, n);

  await test.step('1. Turn off anonymous access', async () => {
    await turnOffAnonymous(page);
    await passed(1);
  });
  await test.step('2. See an anonymous call refused', async () => {
    await seeCallRefused(page);
    await passed(2);
  });
  await test.step('3. Create the API user', async () => {
    await createApiUser(page);
    await passed(3);
  });
  await test.step('4. Create a role with Use API Key and Run Actions', async () => {
    await createRole(page);
    await passed(4);
  });
  await test.step('5. Put the API user in a group', async () => {
    await createUserGroup(page);
    await passed(5);
  });
  await test.step('6. Give the group the role', async () => {
    await addGroupToRole(page);
    await passed(6);
  });
  await test.step('7. Set your own signing key', async () => {
    await setSigningKey(page);
    await passed(7);
  });
  let key = '';
  await test.step('8. Generate the API key and copy it', async () => {
    // Copy puts it on the clipboard; step 9 pastes it from there.
    key = await generateApiKey(page);
    await passed(8);
  });
  await test.step('9. Send the key from Call API', async () => {
    await sendKey(page, key);
    await passed(9);
  });
  await test.step('10. Test as yourself', async () => {
    await testAsYourself(page);
    await passed(10);
  });
  await test.step('11. Join APIUsers: refused, the session predates the change', async () => {
    await joinApiUsers(page);
    await passed(11);
  });
  await test.step('12. Log in again: the call goes through', async () => {
    await logInAgain(page);
    await passed(12);
  });
  await test.step('13. Take yourself out of APIUsers', async () => {
    await leaveApiUsers(page);
    await passed(13);
  });
  await test.step('14. Log in as the API user', async () => {
    await logInAsApiAgent(page);
    await expectLoginStepPassed(page);
  });
  await test.step('15. See the call succeed', async () => {
    await callSucceeds(page);
    await passed(14);
    await passed(15);
  });

  await expect(stepList(page)).toHaveAccessibleName('Steps (15 of 15 done)');
  await expect(page.getByTestId('lesson-announcer')).toContainText('Chapter finished');
  // The key itself never shows in the page once its dialog is closed (only masked).
  expect(await page.content()).not.toContain(key);
});
