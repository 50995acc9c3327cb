import en from 'zod/v4/locales/en.js';
import { z } from './z.ts';

// zod/mini ships without messages ("Invalid input"); people and API clients need to be told what
// was wrong ("Unrecognized key: extra"). Imported for its effect by every entry point that reports
// validation errors.
z.config(en());
