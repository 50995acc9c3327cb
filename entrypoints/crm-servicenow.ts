import { serviceNow } from '../sites/serviceNow/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** ServiceNow's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(serviceNow));
