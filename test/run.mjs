// `npm test`: system check, type check, unit and component tests, build, end-to-end tests in real
// browsers against a real Request Tracker. Ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSystem } from './system/ensure.mjs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;

function sh(label, cmd, args) {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

function vitest(label, args, report) {
  const ok = sh(label, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${results}/${report}.json`]);
  try {
    const summary = JSON.parse(readFileSync(`${results}/${report}.json`, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests + (ok || summary.numFailedTests ? 0 : 1);
  } catch {
    failed += 1; // the run broke before it could report
  }
}

function step(label, cmd, args) {
  if (sh(label, cmd, args)) passed += 1;
  else failed += 1;
}

console.log('── system: browsers and Request Tracker ──');
if (!ensureSystem()) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
step('type check', 'npx', ['tsc', '--noEmit']);
vitest('unit and component tests', [], 'unit');
step('build and zip (Chrome and Firefox)', 'npm', ['run', 'zip']);
vitest('end-to-end tests', ['--config', 'test/e2e/vitest.config.ts'], 'e2e');

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
