import { front } from '../sites/front/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Front's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(front));
