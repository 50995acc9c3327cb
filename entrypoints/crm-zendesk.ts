import { zendesk } from '../sites/zendesk/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Zendesk's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(zendesk));
