import { gorgias } from '../sites/gorgias/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** Gorgias's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(gorgias));
