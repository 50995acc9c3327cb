import { launchWithExtension } from '../e2e/chromium.ts';
import { generateSpotChecks } from './seed.ts';
import { measurePanel } from './panel.ts';
let t = Date.now();
const records = generateSpotChecks(10000);
console.error('gen', Date.now() - t, 'bytes', JSON.stringify(records).length);
const b = await launchWithExtension();
try {
  t = Date.now();
  console.log(JSON.stringify(await measurePanel(b, records)));
  console.error('panel', Date.now() - t);
} finally { await b.close({ removeProfile: true }); }
