// Writes the app's PNG icons (static/icon-192.png, icon-512.png and a
// maskable icon-maskable-512.png) from static/icon.svg with Chromium, for
// the web app manifest. Run by hand when the icon changes; the PNGs are kept.
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { CHROMIUM_ARGS } from './serve.mjs';

const STATIC = new URL('../../static/', import.meta.url).pathname;
const svg = await readFile(STATIC + 'icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true]]) {
  await page.setViewportSize({ width: size, height: size });
  // A maskable icon keeps its drawing inside the middle 80 % (the safe zone)
  // on a background that fills the whole square.
  const inner = maskable ? Math.round(size * 0.7) : size;
  await page.setContent(`<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#1d3557' : 'transparent'}">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`);
  await writeFile(STATIC + name, await page.screenshot({ omitBackground: !maskable }));
}
await browser.close();
