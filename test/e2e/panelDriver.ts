/** Steps a person takes in the Floorwalker panel, shared by the end-to-end tests. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function signIn(panel: Page, serverUrl: string, email: string, password: string): Promise<void> {
  await panel.getByRole('button', { name: 'Account', exact: true }).click();
  await panel.getByLabel('Server address').fill(serverUrl);
  await panel.getByLabel('Email').fill(email);
  await panel.getByLabel('Password').fill(password);
  await panel.getByRole('button', { name: 'Sign in' }).last().click();
  await panel.getByRole('heading', { name: 'Signed in' }).waitFor({ timeout: 20_000 });
}

export const syncStatus = (panel: Page) => panel.getByTestId('sync-status').textContent();

/** Press "Sync now" (at least once) until the panel reports everything synced. */
export async function syncUntilSynced(panel: Page, timeout = 30_000): Promise<void> {
  await panel.getByRole('button', { name: 'Sync now' }).click();
  // The status may still read "Synced" from an earlier sync: first let the one just asked for finish
  // (a sync requested while one runs resolves when the follow-up run is done).
  await callBackground(panel, [{ name: 'sync:now', body: {} }]);
  await expect
    .poll(
      async () => {
        const status = (await syncStatus(panel)) ?? '';
        if (status.startsWith('Synced')) return status;
        const button = panel.getByRole('button', { name: 'Sync now' });
        if (await button.isEnabled().catch(() => false)) await button.click().catch(() => undefined);
        return status;
      },
      { timeout, interval: 500 },
    )
    .toMatch(/^Synced/);
}

/** Answer every item at the top of its scale from the keyboard, starting at the first item. */
export async function scoreAllTop(panel: Page): Promise<number> {
  const groups = panel.getByRole('radiogroup');
  const count = await groups.count();
  await groups.first().focus();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    await expect.poll(() => group.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    const labels = await group.getByRole('radio').allTextContents();
    const points = labels.filter((l) => /^\d+$/.test(l)).map(Number);
    await panel.keyboard.press(labels.includes('Yes') ? 'y' : String(Math.max(...points) % 10));
  }
  return count;
}

/** The rows of the Recent list, as text. */
export async function recentRows(panel: Page): Promise<string[]> {
  await panel.getByRole('button', { name: 'Recent and export' }).click();
  return panel.locator('table.list tbody tr').allTextContents();
}

/** How many records of a store the extension's IndexedDB holds, read from one of its pages. */
export async function countInExtension(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('floorwalker');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).count();
          req.onsuccess = () => {
            done(req.result);
            open.result.close();
          };
          req.onerror = () => fail(req.error);
        };
      }),
    store,
  );
}

/** The keys of a store in the extension's IndexedDB, read from one of its pages. */
export async function keysInExtension(page: Page, store: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((done, fail) => {
        const open = indexedDB.open('floorwalker');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAllKeys();
          req.onsuccess = () => {
            done(req.result.map(String));
            open.result.close();
          };
          req.onerror = () => fail(req.error);
        };
      }),
    store,
  );
}

/**
 * Send messages to the background worker from one of the extension's pages, as the panel does, all
 * at once; resolves with the reply bodies, or rejects with the first error.
 */
export async function callBackground(page: Page, messages: { name: string; body: unknown }[]): Promise<unknown[]> {
  return page.evaluate(async (envelopes) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
    const replies = (await Promise.all(envelopes.map((e) => runtime.sendMessage(e)))) as ({ ok: true; body: unknown } | { ok: false; error: string } | undefined)[];
    return replies.map((r, i) => {
      if (!r) throw new Error(`${envelopes[i]!.name}: no reply`);
      if (!r.ok) throw new Error(`${envelopes[i]!.name}: ${r.error}`);
      return r.body;
    });
  }, messages);
}
