import { createClient } from '../core/messages.ts';

/** The panel's and report page's typed line to the background worker. */
export const call = createClient((envelope) => browser.runtime.sendMessage(envelope));
