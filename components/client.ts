import { messageMap } from '../core/messages.ts';
import { createClient } from '../core/messaging.ts';

/** The panel's and report page's typed line to the background worker. */
export const call = createClient(messageMap, (envelope) => browser.runtime.sendMessage(envelope));
