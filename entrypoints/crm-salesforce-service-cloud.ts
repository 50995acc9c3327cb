import { salesforce } from '../sites/salesforce/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Salesforce Service Cloud's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(salesforce));
