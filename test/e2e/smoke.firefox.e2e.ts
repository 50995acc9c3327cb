/**
 * Firefox ESR smoke test: the Firefox build installs, its panel page opens, and a spot check of a
 * contact typed by hand saves to the extension's IndexedDB and shows in the list.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefox, openExtensionPage, type FirefoxWithExtension } from './firefox.ts';

let ff: FirefoxWithExtension;
beforeAll(async () => {
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
});

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

it('installs, opens the panel and saves a spot check', async () => {
  const panel = await openExtensionPage(ff, 'sidepanel.html', 'input[name=ticketId]');
  await panel.type('input[name=ticketId]', 'FF-2001');
  await panel.type('input[name=agent]', 'robin.agent');
  await panel.select('select[name=channel]', 'phone');
  await panel.click('form.card button[type=submit]');

  await panel.waitForSelector('ul.picker button');
  const pick = await panel.$$('ul.picker button');
  expect(pick.length).toBeGreaterThan(0);
  await pick[0]!.click();

  await panel.waitForSelector('[role=radiogroup]');
  const groups = await panel.$$('[role=radiogroup]');
  for (const group of groups) {
    const labels = await group.$$eval('[role=radio]', (els) => els.map((e) => e.textContent ?? ''));
    const yes = labels.includes('Yes');
    const top = Math.max(...labels.filter((l) => /^\d+$/.test(l)).map(Number));
    await group.focus();
    await panel.keyboard.press(yes ? 'y' : (String(top % 10) as never));
  }
  await panel.waitForFunction(() => document.querySelector('[data-testid=score-summary]')?.textContent?.includes('100.0%'));

  const evaluator = await panel.waitForSelector('xpath///label[contains(., "Evaluator")]/input');
  await evaluator!.type('Jo Supervisor');
  await evaluator!.evaluate((el) => (el as HTMLInputElement).blur());
  await panel.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.startsWith('Submit spot check'));
    return b && !b.disabled;
  });
  await panel.$$eval('button', (bs) => bs.find((b) => b.textContent?.startsWith('Submit spot check'))!.click());
  await panel.waitForSelector('#done-heading');

  await panel.$$eval('nav button', (bs) => bs.find((b) => b.textContent === 'Recent and export')!.click());
  await panel.waitForSelector('table.list tbody tr');
  const row = await text(panel, 'table.list tbody tr');
  expect(row).toContain('FF-2001');
  expect(row).toContain('robin.agent');
  expect(row).toContain('100.0% Pass');
});
