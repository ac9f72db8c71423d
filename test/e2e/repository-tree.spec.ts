import { expect, test } from '@playwright/test';
import { openLoggedIn } from './support/login';

test.describe('repository tree and tabs', () => {
  test.beforeEach(async ({ page }) => {
    await openLoggedIn(page);
  });

  test('groups expand and collapse, and items open a tab and a deep link', async ({ page }) => {
    const repository = page.getByRole('navigation', { name: 'Repository' });
    const tables = repository.getByRole('button', { name: /^Tables/ });
    await expect(tables).toHaveAttribute('aria-expanded', 'false');
    await tables.click();
    await expect(tables).toHaveAttribute('aria-expanded', 'true');
    await repository.getByRole('list', { name: 'Tables' }).getByRole('link', { name: 'Orders' }).click();

    await expect(page).toHaveURL(/#\/open\/table\/table-orders$/);
    await expect(page.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Orders' })).toBeVisible();

    await tables.click();
    await expect(tables).toHaveAttribute('aria-expanded', 'false');
    await expect(repository.getByRole('link', { name: 'Orders' })).toBeHidden();
  });

  test('an unpinned tab is replaced, a pinned one stays; back, forward and reload follow the route', async ({ page }) => {
    test.slow(); // several reloads, each booting the instance and its service worker
    const repository = page.getByRole('navigation', { name: 'Repository' });
    await repository.getByRole('button', { name: /^API Endpoints/ }).click();
    await repository.getByRole('link', { name: 'API Company Data' }).click();
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toBeVisible();

    // Opening another item replaces the unpinned tab.
    await repository.getByRole('link', { name: 'Keystore' }).click();
    await expect(page.getByRole('tab', { name: 'Keystore' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toHaveCount(0);

    // Pinned, it stays when the next item opens.
    await page.getByRole('button', { name: 'Pin tab' }).click();
    await expect(page.getByRole('button', { name: 'Unpin tab' })).toBeVisible();
    await repository.getByRole('link', { name: 'Privileges' }).click();
    await expect(page.getByRole('tablist', { name: 'Open items' }).getByRole('tab')).toHaveText([/Keystore/, 'Privileges']);
    await repository.getByRole('link', { name: 'API Company Data' }).click();
    await expect(page.getByRole('tablist', { name: 'Open items' }).getByRole('tab')).toHaveText([/Keystore/, 'API Company Data']);

    // Back and forward move between the items, as deep links.
    await page.goBack();
    await expect(page).toHaveURL(/#\/open\/privileges$/);
    await expect(page.getByRole('tab', { name: 'Privileges' })).toHaveAttribute('aria-selected', 'true');
    await page.goForward();
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toHaveAttribute('aria-selected', 'true');

    // The tabs and the pin survive a reload.
    await page.reload();
    await expect(page.getByRole('tablist', { name: 'Open items' }).getByRole('tab')).toHaveText([/Keystore/, 'API Company Data']);
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toHaveAttribute('aria-selected', 'true');

    // Clicking a tab brings it to the front; closing it brings its neighbour.
    await page.getByRole('tab', { name: /Keystore/ }).click();
    await expect(page).toHaveURL(/#\/open\/keystore$/);
    await page.getByRole('button', { name: 'Close tab Keystore' }).click();
    await expect(page.getByRole('tab')).toHaveText(['API Company Data']);
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toHaveAttribute('aria-selected', 'true');
  });

  test('tabs work by keyboard: arrows move between tabs, Enter shows one, Delete closes it', async ({ page }) => {
    await page.goto('/#/open/keystore');
    await page.getByRole('button', { name: 'Pin tab' }).click();
    await page.goto('/#/open/privileges');
    const keystoreTab = page.getByRole('tab', { name: /Keystore/ });
    await page.getByRole('tab', { name: 'Privileges' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(keystoreTab).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(keystoreTab).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Delete');
    await expect(page.getByRole('tab')).toHaveText(['Privileges']);

    // With the last tab closed the workspace says so.
    await page.getByRole('button', { name: 'Close tab Privileges' }).click();
    await expect(page.getByRole('heading', { name: 'Nothing open' })).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(0);
    await expect(page).toHaveURL(/#\/$/);
  });

  test('the API console opens from the tree and from #/console', async ({ page }) => {
    await page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name: 'API console' }).click();
    await expect(page.getByRole('heading', { name: 'API console' })).toBeVisible();
    await page.goto('/#/application');
    await expect(page.getByRole('tab', { name: 'Application' })).toHaveAttribute('aria-selected', 'true');
    await page.goto('/#/console');
    await expect(page.getByRole('tab', { name: 'API console' })).toHaveAttribute('aria-selected', 'true');
  });
});
