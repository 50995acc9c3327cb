// `npm start`: build the extension for Chrome and Firefox, serve a demo ticket page to try it on,
// and say how to load it. (The sync server with accounts joins this command in a later issue.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8787);

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const ticket = readFileSync(new URL('./demo/ticket.html', import.meta.url));
const server = createServer((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/tickets/1042')) {
    if (req.url === '/') return res.writeHead(302, { location: '/tickets/1042' }).end();
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ticket);
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found. Try /tickets/1042\n');
});
server.on('error', (err) => {
  console.error(`Could not listen on ${HOST}:${PORT}: ${err.message}. Set PORT to use another port.`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  console.log(`
Floorwalker is built.

Demo ticket page: http://${HOST}:${PORT}/tickets/1042

Load the extension:
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${resolve('.output/chrome-mv3')}
                   then click the Floorwalker toolbar button to open the side panel.
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on… →
                   ${resolve('.output/firefox-mv2/manifest.json')}

Press Ctrl+C to stop.`);
});
