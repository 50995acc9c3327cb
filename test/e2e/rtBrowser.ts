import type { Page } from 'playwright-core';
import type { Credentials } from '../system/rt.ts';

/**
 * Open a Request Tracker page in a browser tab as `rt`'s user, signing in through RT's own login
 * form when RT asks for it (the session cookie then serves later pages).
 */
export async function openRtPage(page: Page, rt: Credentials, path: string): Promise<void> {
  await page.goto(`${rt.baseUrl}${path}`);
  if (await page.locator('input[name=user]').count()) {
    await page.fill('input[name=user]', rt.user);
    await page.fill('input[name=pass]', rt.password);
    await Promise.all([page.waitForNavigation(), page.locator('form#login').evaluate((f: HTMLFormElement) => f.submit())]);
    await page.goto(`${rt.baseUrl}${path}`);
  }
}

/** A ticket's display page, signed in and ready. */
export async function openRtTicket(page: Page, rt: Credentials, ticketId: number): Promise<void> {
  await openRtPage(page, rt, `/Ticket/Display.html?id=${ticketId}`);
  await page.locator('body#comp-Ticket-Display').waitFor();
}
