// Screenshots of the quiz for review: node tests/e2e/quizshot.mjs '#v1/…' out-prefix [width height]
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from './serve.mjs';
const [hash, out, w, h] = process.argv.slice(2);
const { server, url } = await serve(new URL('../../dist/', import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: +(w || 1400), height: +(h || 1000) } })).newPage();
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url + '/' + hash);
await page.waitForSelector('[data-quiz="question"]', { timeout: 10000 });
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}-1.png` });
// Answer a few: pick with number keys, Enter to check, Enter to go on.
for (let i = 0; i < 6; i++) {
  const kind = await page.getAttribute('[data-quiz="question"]', 'data-quiz-kind');
  if (kind === 'number') { await page.fill('[data-quiz="input"]', 'x+1'); await page.keyboard.press('Enter'); }
  else { await page.keyboard.press('3'); await page.keyboard.press('Enter'); }
  await page.waitForSelector('[data-quiz="right"], [data-quiz="wrong"]');
  if (i === 4) await page.screenshot({ path: `${out}-2.png` });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
}
await page.waitForTimeout(200);
await page.screenshot({ path: `${out}-3.png` });
console.log('score', await page.getAttribute('[data-quiz-score]', 'data-quiz-score'));
await browser.close(); server.close();
