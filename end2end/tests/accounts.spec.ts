import { expect, Page } from '@playwright/test';
import { openChat, say, test } from './helpers';

/** A Salesforce accounts report as Excel writes it: BOM, CRLF, quoted fields; `bad` rows
 *  have a private address as their website. Names carry `tag` so projects don't collide. */
function salesforceExport(tag: string, rows: number, bad: number[]): Buffer {
  const lines = ['"Account Name","Website","Industry","Billing City","Billing Country","Employees","Account Owner","Type","Account ID"'];
  for (let i = 1; i <= rows; i++) {
    const site = bad.includes(i) ? 'http://192.168.1.10' : `https://www.${tag}-${i}.com/`;
    lines.push(`"${tag} Company ${i}, Inc.","${site}","Software","Austin","United States","${i * 3}","Dana Whitfield","Customer - Direct","001${tag}${i}"`);
  }
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

async function openAccounts(page: Page) {
  await openChat(page);
  await page.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

test('import a CRM export: preview, progress, rejected rows, then prepare for an imported account', async ({ page }, info) => {
  const tag = `t${info.project.name.replace(/\W/g, '')}${Date.now() % 100000}`;
  await openAccounts(page);
  await expect(page.getByRole('button', { name: 'Remove the demo accounts' })).toBeVisible();

  await page.locator('input[type=file]').setInputFiles({
    name: 'accounts.csv',
    mimeType: 'text/csv',
    buffer: salesforceExport(tag, 1200, [7, 600, 1199]),
  });
  await expect(page.getByRole('table', { name: 'Columns' })).toBeVisible();
  await expect(page.getByText('1197 new · 0 to update · 0 unchanged · 3 rejected')).toBeVisible();
  await expect(page.getByLabel('Read “Account Name” as')).toHaveValue('name');
  await expect(page.getByText('Salesforce export (accounts.csv)')).toBeVisible();
  const rejected = page.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.locator('tbody tr')).toHaveCount(3);

  await page.getByRole('button', { name: 'Import 1197 rows' }).click();
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByText('Import finished.')).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText('1200 accounts read: 1197 new, 0 updated, 0 unchanged, 3 rejected.')).toBeVisible();
  // Row numbers as the spreadsheet shows them: the header is row 1.
  await expect(page.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr').first())
    .toContainText(/^8Website.*IP address/);

  await page.getByRole('link', { name: 'Prepare for a meeting' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await say(page, `Help me prepare for my meeting with ${tag} Company 42`);
  const choices = page.getByRole('group', { name: 'Suggested actions' }).last();
  await choices.getByRole('button', { name: `${tag} Company 42, Inc. (${tag}-42.com) - Software` }).click();
  const overview = page.getByRole('listitem').filter({ hasText: 'quick overview' }).last();
  await expect(overview).toContainText('Account owner: Dana Whitfield');
  await expect(overview).toContainText('Type: Customer - Direct');
  await expect(overview.getByRole('list', { name: 'Sources' })).toContainText('Salesforce export (accounts.csv)');
});

test('a column Dossier does not know can be mapped before importing', async ({ page }, info) => {
  const tag = `m${info.project.name.replace(/\W/g, '')}${Date.now() % 100000}`;
  await openAccounts(page);
  await page.locator('input[type=file]').setInputFiles({
    name: 'firmen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Firma;Webseite\r\n${tag} GmbH;${tag}.de\r\n`, 'utf8'),
  });
  await expect(page.getByRole('alert')).toContainText('No column holds the account name');
  await expect(page.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await page.getByLabel('Read “Firma” as').selectOption('name');
  await page.getByLabel('Read “Webseite” as').selectOption('website');
  await expect(page.getByText('1 new · 0 to update · 0 unchanged · 0 rejected')).toBeVisible();
  await page.getByRole('button', { name: 'Import 1 row' }).click();
  await expect(page.getByText('Import finished.')).toBeVisible();
});

test('a file that is not CSV gets a plain error', async ({ page }) => {
  await openAccounts(page);
  await page.locator('input[type=file]').setInputFiles({
    name: 'report.xlsx',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
  });
  await expect(page.getByRole('alert')).toContainText('This is not a CSV text file');
  await expect(page.getByText('Drop a CSV export here')).toBeVisible();
});
