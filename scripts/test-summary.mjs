// Adds up vitest's and Playwright's JSON reports into one plain closing line.
import { existsSync, readFileSync } from 'node:fs';

const seconds = process.argv[2] ?? '?';
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync('.test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('.test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
  console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
} else missing.push('vitest');

if (process.env.SKIP_E2E !== '1') {
  if (existsSync('e2e/test-results/results.json')) {
    const p = JSON.parse(readFileSync('e2e/test-results/results.json', 'utf8'));
    // A flaky test passed on its retry (only field-offline allows one, for a Playwright harness
    // flake): it counts as passed, and is named so nobody mistakes it for a clean pass.
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
    skipped += p.stats.skipped;
    console.log(`playwright: ${p.stats.expected + p.stats.flaky} passed (${p.stats.flaky} only on retry), ${p.stats.unexpected} failed`);
  } else missing.push('playwright');
}

if (missing.length) {
  console.log(`no report from: ${missing.join(', ')} (a suite did not run)`);
  failed += missing.length;
}
console.log(`total time: ${seconds} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
