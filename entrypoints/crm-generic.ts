import { generic } from '../sites/generic/index.ts';
import { offerAdapter } from '../sites/pageAdapters.ts';

/** The generic guesser's adapter for the in-page guard, registered only where it can run (see guard/adapters.ts). */
export default defineUnlistedScript(() => offerAdapter(generic));
