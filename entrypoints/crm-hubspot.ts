import { hubspot } from '../sites/hubspot/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** HubSpot's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(hubspot));
