import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships without messages ("Invalid input"); users and API clients need to be told what
// was wrong ("Unrecognized key: extra"). Every schema imports z from here so the locale is set
// wherever anything is parsed.
z.config(en());

export { z };
