// Runs www/bench.html in headless Debian Chromium and prints the JSON result.
// Usage: node scripts/browser-bench.mjs [snapshot file inside www/, default snapshot.kcs]
// e.g.   target/release/kyc-check snapshot build --out www/bench-all.kcs ../shared/watchlists
//        node scripts/browser-bench.mjs bench-all.kcs
import { openDemo } from '../tests/page/browser.mjs';

const file = process.argv[2] ?? 'snapshot.kcs';
const demo = await openDemo();
try {
  const page = await demo.browser.newPage();
  await page.goto(`${demo.url}bench.html?snapshot=${encodeURIComponent(file)}`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300000 });
  const result = await page.evaluate(() => window.benchResult);
  console.log(JSON.stringify(result, null, 2));
  if (result.error) process.exitCode = 1;
} finally {
  await demo.close();
}
