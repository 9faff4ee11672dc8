// Screenshots for review: node tests/e2e/shot.mjs '#v1/p=…' out.png [segment-to-select]
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from './serve.mjs';
const [hash, out, select] = process.argv.slice(2);
const { server, url } = await serve(new URL('../../dist/', import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
await page.goto(url + '/' + (hash || ''));
await page.waitForSelector('[data-seg]');
if (select) { await page.focus(`[data-seg="${select}"]`); await page.keyboard.press("Enter"); }
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: false });
await browser.close(); server.close();
