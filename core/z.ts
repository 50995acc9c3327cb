import * as z from 'zod/mini';

/**
 * The one zod import for the project: zod/mini, which tree-shakes to what each bundle uses. Its
 * error messages are off until `./zodMessages.ts` is imported, which every context that shows
 * errors to people does (the content script, on every CRM page, does without).
 */
export { z };
