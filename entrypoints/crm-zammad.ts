import { zammad } from '../sites/zammad/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Zammad's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(zammad));
