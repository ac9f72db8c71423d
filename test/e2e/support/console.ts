/** Steps in the API console that more than one spec takes. */
import { expect, type Page } from '@playwright/test';

/**
 * Renames the trainee (first name "Renamed") with a PUT sent from the open API console, with the
 * tab's session `sessionId`, and waits for its 200.
 */
export async function renameTraineeFromConsole(page: Page, sessionId: string | null): Promise<void> {
  await page.getByLabel('Method').selectOption('PUT');
  await page.getByLabel('URL').fill('/sandbox/api/users/user-trainee');
  await page.getByLabel('Headers').fill(`content-type: application/json\nx-sandbox-session: ${sessionId}`);
  await page.getByLabel('Body').fill('{"firstName": "Renamed"}');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200');
}
