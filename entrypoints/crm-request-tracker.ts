import { requestTracker } from '../sites/requestTracker/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Request Tracker's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(requestTracker));
