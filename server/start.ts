/**
 * `npm start`: build the extension for Chrome and Firefox, prepare the server's database (SQLite
 * under ./data unless DATABASE_URL says otherwise) with a demo organisation, then run the sync
 * server, which also serves a demo ticket page to try the panel on.
 */
import '../core/zodMessages.ts';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { migrate } from './db/migrations.ts';
import { openDatabase } from './db/open.ts';
import { DEMO_ORG, DEMO_USERS, seedDemo } from './demo.ts';

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
if ('sqliteFile' in config.database) mkdirSync(config.dataDir, { recursive: true });
const database = openDatabase(config.database);
await migrate(database);
const seeded = await seedDemo(database, new Date());
await database.close();

const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
console.log(`
Floorwalker is built.

Load the extension:
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${resolve('.output/chrome-mv3')}
                   then click the Floorwalker toolbar button to open the side panel.
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on… →
                   ${resolve('.output/firefox-mv2/manifest.json')}

Try it on the demo ticket page: ${base}/demo/tickets/1042
Sign in from the panel (Account) with server address ${base} and one of these ${seeded === 'created' ? 'new' : 'existing'} ${DEMO_ORG} users:
${DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(36)} ${u.password}`).join('\n')}

Press Ctrl+C to stop.
`);
await import('./main.ts');
