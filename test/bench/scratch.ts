import { createServer } from 'node:http';
import { launchWithExtension } from '../e2e/chromium.ts';
const server = createServer((req, res) => { res.setHeader('content-type','text/html'); res.end('<h1>Ticket #123: hi</h1>' + '<div>x</div>'.repeat(5000)); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as any).port;
const b = await launchWithExtension();
const self = new Map<string, number>();
for (let i = 0; i < 5; i++) {
const page = await b.context.newPage();
const s = await b.context.newCDPSession(page);
await s.send('Profiler.enable'); await s.send('Profiler.setSamplingInterval', { interval: 50 }); await s.send('Profiler.start');
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForTimeout(500);
const { profile } = await s.send('Profiler.stop') as any;
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const dt = new Map<number, number>();
profile.samples.forEach((id: number, k: number) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[k + 1] ?? 0)));
for (const [id, t] of dt) { const n = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(key, (self.get(key) ?? 0) + t); }
await page.close();
}
const total = [...self].filter(([k]) => k.includes('content.js')).reduce((a, [, t]) => a + t, 0);
console.log('content.js self total per load ms', total / 5000);
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, t]) => `${(t / 5000).toFixed(2)}ms ${k}`).join('\n'));
await b.close({ removeProfile: true });
server.close();
