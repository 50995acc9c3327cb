import { intercom } from '../sites/intercom/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Intercom's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(intercom));
