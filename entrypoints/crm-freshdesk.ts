import { freshdesk } from '../sites/freshdesk/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Freshdesk's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(freshdesk));
