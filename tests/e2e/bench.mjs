// Benchmarks and budgets (issue 7): bytes downloaded, navigation to diagram,
// drop to repaint for every preset and the stress scenario, one playback
// frame, and Mermaid 11 rendering the same sequence diagrams, all in the same
// headless Chromium. Writes tests/e2e/out/bench.json; exits 1 on a broken budget.
//   node tests/e2e/bench.mjs            (after `trunk build --release --offline`)
import { chromium } from 'playwright-core';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, CHROMIUM_ARGS } from './serve.mjs';

const ROOT = new URL('../../dist/', import.meta.url).pathname;
const OUT = new URL('./out/', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS || 9);
await mkdir(OUT, { recursive: true });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const mermaidJs = new URL('../../node_modules/mermaid/dist/mermaid.min.js', import.meta.url).pathname;
const mermaidBody = await readFile(mermaidJs);
const { server, url } = await serve(ROOT);
// Mermaid injects inline styles, so its page is served without the CSP.
const { server: mserver, url: murl } = await serve(ROOT, {
  csp: null,
  extra: {
    '/mermaid.min.js': { type: 'text/javascript', body: mermaidBody },
    '/mermaid.html': { type: 'text/html', body: '<!doctype html><meta charset=utf-8><body><div id=out></div><script src="/mermaid.min.js"></script>' },
  },
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
// The offline copy is kept by a service worker a moment after the page has
// loaded; it is measured apart (its own budget), not inside every step here.
const newContext = browser.newContext.bind(browser);
browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });

// ---- bytes: what the page really requests on its first load, measured in
// the browser (so a module loaded on first use is not counted there), and what
// opening the editor adds on top. Sizes are the files in dist/, gzipped.
async function gzipOf(paths) {
  const out = {};
  for (const path of paths) {
    const body = await readFile(ROOT + path);
    out[path] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  return out;
}
const sum = (files) => Object.values(files).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });
const requested = [];
{
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === url) requested.push(u.pathname === '/' ? 'index.html' : u.pathname.slice(1)); });
  await page.goto(url + '/');
  await page.waitForSelector('svg.sequence [data-seg]');
  await page.waitForTimeout(500);
  var firstLoad = [...new Set(requested)];
  await page.click('[data-action="editor"]');
  await page.waitForSelector('[data-panel="editor"]', { timeout: 15000 });
  var onFirstUse = [...new Set(requested)].filter((f) => !firstLoad.includes(f));
  await context.close();
}
const sizes = await gzipOf(firstLoad);
const total = sum(sizes);
// The first load of a reader of Simplified and of Traditional Chinese (the
// latter also loads the converter, hant-*.js), and what the offline copy adds:
// the manifest and the worker, fetched once the page has loaded.
async function firstLoadOf(hash, locale) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale });
  const page = await context.newPage();
  const seen = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === url) seen.push(u.pathname === '/' ? 'index.html' : u.pathname.slice(1)); });
  await page.goto(url + '/' + hash);
  await page.waitForSelector('svg.sequence [data-seg]');
  await page.waitForTimeout(500);
  await context.close();
  return sum(await gzipOf([...new Set(seen)]));
}
const firstLoadZh = await firstLoadOf('#v1/p=client-close&lang=zh', 'zh-CN');
const firstLoadHant = await firstLoadOf('#v1/p=client-close&lang=zh-Hant', 'zh-TW');
const offlineExtra = sum(await gzipOf(['manifest.webmanifest', 'sw.js']));
const lazySizes = await gzipOf(onFirstUse);
const lazyTotal = sum(lazySizes);

async function appPage(hash, drawn = 'svg.sequence [data-seg]', { width = 1400, height = 1000, cpuSlowdown = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpuSlowdown > 1) {
    // DevTools' CPU throttling, as a mid-range phone (issue 22's phone budget).
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.addInitScript(() => {
    window.__drawn = new Promise((resolve) => new MutationObserver((_, obs) => {
      if (document.querySelector('svg.sequence [data-seg]')) { window.__drawnAt = performance.now(); obs.disconnect(); resolve(); }
    }).observe(document, { childList: true, subtree: true }));
  });
  // Waiting through the DevTools protocol, not Playwright's waitForSelector:
  // that injects Playwright's own script into the page and polls it, ~60 ms
  // of the main thread at 4x slower, counted against the page it measures.
  await page.goto(url + '/' + hash, { waitUntil: 'commit' });
  if (drawn === 'svg.sequence [data-seg]') {
    await cdp.send('Runtime.evaluate', { expression: 'window.__drawn', awaitPromise: true });
  }
  await page.waitForSelector(drawn);
  return { page, context };
}

// ---- navigation to diagram drawn, on a desktop and on a 390 px phone with the CPU 4x slower
const nav = [];
for (let i = 0; i < RUNS; i++) {
  const { page, context } = await appPage('');
  nav.push(await page.evaluate(() => window.__drawnAt));
  await context.close();
}
// At least nine phone runs: its median moves by ~100 ms between runs of five
// on a 2-core machine (BENCHMARKS.md), and it gates like the others now.
const phoneNav = [];
for (let i = 0; i < Math.max(RUNS, 9); i++) {
  const { page, context } = await appPage('', 'svg.sequence [data-seg]', { width: 390, height: 844, cpuSlowdown: 4 });
  phoneNav.push(await page.evaluate(() => window.__drawnAt));
  await context.close();
}

// ---- drop a segment to diagram repainted: script, style and layout of the new
// diagram (work time), and to the next animation frame (what the user sees).
async function dropToRepaint(page, id, toggle = false) {
  return page.evaluate(async ([wanted, toggle]) => {
    // The wanted segment, or else the first one the link still delivers.
    // (syn-timeout delivers nothing: there the change is delivering c1 again.)
    // With `toggle`, always the wanted one: dropped, then delivered again.
    const seg = document.querySelector(`[data-seg="${wanted}"][data-fate="delivered"]`)
      || (toggle && document.querySelector(`[data-seg="${wanted}"]`))
      || document.querySelector('[data-seg][data-fate="delivered"]') || document.querySelector('[data-seg]');
    const id = seg.dataset.seg;
    const before = seg.dataset.fate;
    const action = before === 'delivered' ? 'drop' : 'deliver';
    seg.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    let button = null;
    for (let i = 0; i < 200 && !button; i++) {
      await new Promise((r) => setTimeout(r, 10));
      button = document.querySelector(`[data-action="${action}"]`);
    }
    // Let deferred work of the previous change settle, as between two real clicks.
    await new Promise((r) => setTimeout(r, 300));
    await new Promise((r) => requestAnimationFrame(() => r()));
    const dropped = () => document.querySelector(`[data-seg="${id}"]`)?.dataset.fate !== before;
    const updated = new Promise((resolve) => {
      const mo = new MutationObserver(() => { if (dropped()) { mo.disconnect(); resolve(true); } });
      mo.observe(document.querySelector('svg.sequence'), { subtree: true, childList: true, attributes: true });
      setTimeout(() => resolve(false), 2000);
    });
    const t0 = performance.now();
    button.click();
    // Yew renders from its scheduler; wait for the new DOM, then force style and layout.
    const changed = await updated;
    document.querySelector('svg.sequence').getBoundingClientRect();
    void document.body.offsetHeight;
    const work = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => r()));
    const frame = performance.now() - t0;
    return { work, frame, changed };
  }, [id, toggle]);
}

const presets = [];
{
  const { page, context } = await appPage('');
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Scenario"] option').length >= 20);
  presets.push(...(await page.$$eval('select[aria-label="Scenario"] option', (os) => os.map((o) => o.value).filter(Boolean))));
  await context.close();
}
const drop = {};
for (const name of presets) {
  // The first change after a page load also pays for compiling the hot wasm
  // (Liftoff, then TurboFan); it is reported, and the budget is on the warm median.
  const works = [], frames = [];
  const { page, context } = await appPage(`#v1/p=${name}`);
  for (let i = 0; i < RUNS; i++) {
    const r = await dropToRepaint(page, 's1');
    if (!r.changed) throw new Error(`${name}: dropping a segment did not change the diagram`);
    works.push(r.work); frames.push(r.frame);
  }
  await context.close();
  drop[name] = { first_ms: round(works[0]), work_ms: round(median(works.slice(1))), next_frame_ms: round(median(frames.slice(1))) };
}

// ---- edit to repaint: a value typed into the editor (the client's initial
// sequence number, which every client segment shows) until the diagram shows it, style and layout done. The editor runs
// in its own module; the change crosses to the page's reducer and back.
async function editToRepaint(page, ms) {
  return page.evaluate(async (value) => {
    const input = document.querySelector('#client-isn');
    await new Promise((r) => setTimeout(r, 300));
    await new Promise((r) => requestAnimationFrame(() => r()));
    const labels = () => [...document.querySelectorAll('svg.sequence [data-seg]')].map((e) => e.getAttribute('aria-label')).join();
    const before = labels();
    const updated = new Promise((resolve) => {
      const mo = new MutationObserver(() => { if (labels() !== before) { mo.disconnect(); resolve(true); } });
      mo.observe(document.querySelector('svg.sequence'), { subtree: true, childList: true, attributes: true });
      setTimeout(() => resolve(false), 2000);
    });
    const t0 = performance.now();
    input.value = String(value);
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const changed = await updated;
    document.querySelector('svg.sequence').getBoundingClientRect();
    void document.body.offsetHeight;
    const work = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => r()));
    return { work, frame: performance.now() - t0, changed };
  }, ms);
}
const edit = {};
const editorOpens = [];
for (const name of presets.filter((p) => p !== 'stress')) {
  const works = [], frames = [];
  const { page, context } = await appPage(`#v1/p=${name}`);
  // A fresh context: opening the editor downloads, compiles and mounts its module.
  const opened = Date.now();
  await page.click('[data-action="editor"]');
  await page.waitForSelector('#client-isn', { timeout: 15000 });
  editorOpens.push(Date.now() - opened);
  for (let i = 0; i < RUNS; i++) {
    const r = await editToRepaint(page, 2000 + i);
    if (!r.changed) throw new Error(`${name}: an edited ISN did not change the diagram`);
    works.push(r.work); frames.push(r.frame);
  }
  await context.close();
  edit[name] = { first_ms: round(works[0]), work_ms: round(median(works.slice(1))), next_frame_ms: round(median(frames.slice(1))) };
}

// ---- a packetdrill script (opened from its link): dropping one of the
// script's segments until the page draws the new run. The change goes to the
// module's script panel, which runs the script again and sends the run back.
const scriptDrop = [];
{
  const text = await readFile(new URL('../drill/passive-close.pkt', import.meta.url).pathname, 'utf8');
  const pkt = Buffer.from(`passive-close.pkt\n${text}`).toString('base64url');
  const { page, context } = await appPage(`#v1/p=handshake&pkt=${pkt}`);
  await page.waitForSelector('svg.sequence [data-seg="s4"]', { timeout: 20000 });
  for (let i = 0; i < RUNS + 1; i++) {
    const r = await dropToRepaint(page, 'c3', true);
    if (!r.changed) throw new Error('script: dropping c3 did not change the diagram');
    scriptDrop.push(r.work);
  }
  await context.close();
}

// ---- a capture: many-short-connections.pcap (3,000 packets, 300 connections)
// dropped on the page until its 300 rows are listed (read + connections), and
// choosing one until its diagram is drawn. The module is warmed first with a
// small capture, as it would be after the first open.
const CAPTURE_DIR = new URL('../captures/', import.meta.url).pathname;
const captureRead = [], captureChoose = [];
{
  const { page, context } = await appPage('#v1/p=handshake');
  const small = [...(await readFile(CAPTURE_DIR + 'abort-linger0-any.pcap'))];
  const big = [...(await readFile(CAPTURE_DIR + 'many-short-connections.pcap'))];
  const drop = (bytes, name) => page.evaluate(([b, n]) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(b)], n));
    document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [bytes, name]);
  await drop(small, 'small.pcap');
  await page.waitForSelector('[data-panel="capture"]', { timeout: 15000 });
  // One more run than the others: the first big file also pays for compiling
  // the reader's hot paths; it is reported, and the budget is on the warm median.
  for (let i = 0; i < RUNS + 1; i++) {
    await page.click('[data-action="close-capture"]');
    await page.waitForFunction(() => !document.querySelector('[data-panel="capture"]'));
    const took = await page.evaluate(async (b) => {
      const file = new File([new Uint8Array(b)], 'many.pcap');
      // Let deferred work of the previous step settle, as between two real actions.
      await new Promise((r) => setTimeout(r, 300));
      await new Promise((r) => requestAnimationFrame(() => r()));
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => { if (document.querySelector('[data-connections="300"] [data-connection="100"]')) { mo.disconnect(); resolve(); } });
        mo.observe(document.body, { subtree: true, childList: true });
      });
      const t0 = performance.now();
      const data = new DataTransfer();
      data.items.add(file);
      document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      await done;
      document.body.offsetHeight;
      return performance.now() - t0;
    }, big);
    captureRead.push(took);
    const chose = await page.evaluate(async () => {
      const drawn = () => document.querySelector('[data-lesson="capture"] h1')?.textContent;
      const before = drawn();
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => { if (drawn() !== before && document.querySelector('[data-seg]')) { mo.disconnect(); resolve(); } });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const t0 = performance.now();
      document.querySelector('[data-connection="50"] button').click();
      await done;
      document.body.offsetHeight;
      return performance.now() - t0;
    });
    captureChoose.push(chose);
  }
  await context.close();
}

// ---- the Compare view: once open (its module loaded on the first click,
// reported apart), choosing one more stack or one fewer until every column
// is drawn again on one time axis with the differences beside them.
const compareChoose = [];
let compareFirstOpen = null;
{
  const { page, context } = await appPage('#v1/p=lost-fin');
  const opened = Date.now();
  await page.click('[data-action="compare"]');
  await page.waitForFunction(() => document.querySelectorAll('.compare-column').length === 4, null, { timeout: 15000 });
  compareFirstOpen = Date.now() - opened;
  for (let i = 0; i < RUNS + 1; i++) {
    const took = await page.evaluate(async () => {
      await new Promise((r) => setTimeout(r, 200));
      const box = document.querySelector('.compare-view input[data-stack="windows"]');
      const want = box.checked ? 3 : 4;
      const done = new Promise((resolve) => {
        const check = () => document.querySelectorAll('.compare-column').length === want;
        const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); resolve(); } });
        mo.observe(document.body, { subtree: true, childList: true });
      });
      const t0 = performance.now();
      box.click();
      await done;
      document.body.offsetHeight;
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    });
    compareChoose.push(took);
  }
  await context.close();
}

// ---- the load view: the "ports" lesson (40,000 connections) simulated in
// slices and charted; the longest task the main thread ran meanwhile.
let loadRun = null;
{
  const { page, context } = await appPage('#v1/p=handshake');
  await page.click('[data-action="load"]');
  await page.waitForSelector('[data-view="load"]:not([data-running])', { timeout: 30000 });
  loadRun = await page.evaluate(async () => {
    const tasks = [];
    const po = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    po.observe({ type: 'longtask', buffered: false });
    const select = document.querySelector('[data-field="load-preset"]');
    const t0 = performance.now();
    select.value = '1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => {
      const check = () => (document.querySelector('[data-completed]')?.dataset.completed === '28232' && !document.querySelector('[data-view="load"][data-running]') ? resolve() : setTimeout(check, 5));
      check();
    });
    const took = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    po.disconnect();
    return { connections: 40000, ms: took, longest_task_ms: Math.max(0, ...tasks), long_tasks: tasks.length };
  });
  await context.close();
}

// ---- the quiz: "Next step" → the next question drawn and the diagram
// repainted with one more step shown (two wasm modules and a message between).
const quizSteps = [];
{
  // A quiz draws no segment before its first answer: wait for the question.
  const { page, context } = await appPage('#v1/p=client-close&num=letters&quiz=1', '[data-quiz="question"]');
  for (let i = 0; i < 12; i++) {
    const number = (await page.getAttribute('[data-quiz="question"]', 'data-quiz-kind')) === 'number';
    if (number) { await page.fill('[data-quiz="input"]', '1'); await page.click('[data-action="quiz-check"]'); }
    else await page.click('[data-answer]');
    await page.waitForSelector('[data-action="quiz-next"]');
    quizSteps.push(await page.evaluate(() => new Promise((resolve) => {
      const before = document.querySelector('[data-quiz="question"]').textContent;
      const t0 = performance.now();
      const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      const mo = new MutationObserver(() => {
        const q = document.querySelector('[data-quiz="question"]');
        if (q && q.textContent !== before && !document.querySelector('[data-action="quiz-next"]')) { mo.disconnect(); done(); }
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      document.querySelector('[data-action="quiz-next"]').click();
    })));
  }
  await context.close();
}

// ---- one playback frame on the stress scenario: move the cursor one frame on.
const frameTimes = [];
let stressSegments = 0;
{
  const { page, context } = await appPage('#v1/p=stress&t=500');
  stressSegments = await page.$$eval('[data-seg]', (e) => e.length);
  for (let i = 0; i < RUNS; i++) {
    frameTimes.push(await page.evaluate(async (i) => {
      const input = document.querySelector('input.scrub');
      const t0 = performance.now();
      // (The slider's value is a height on the diagram: one frame's worth on.)
      input.value = String(Number(input.value) + 2);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => queueMicrotask(r));
      await new Promise((r) => setTimeout(r, 0));
      document.querySelector('svg.sequence').getBoundingClientRect();
      void document.body.offsetHeight;
      return performance.now() - t0;
    }, i));
  }
  await context.close();
}

// ---- Mermaid 11 on the same messages and labels
// The same messages and labels as synack draws, taken from the same trace
// through the native command (the page only renders what is on screen).
function mermaidText(preset) {
  const out = execFileSync('cargo', ['run', '-q', '--locked', '--bin', 'synack', '--', 'trace', '--preset', preset, '--json'], { encoding: 'utf8' });
  const msgs = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.event === 'segment').map((e) => ({
    from: e.from === 'client' ? 'Client' : 'Server',
    dropped: e.fate === 'dropped',
    label: `${e.id} ${e.flags.join(',')} seq=${e.seq}${e.flags.includes('ACK') ? ` ack=${e.ack}` : ''}${e.len ? ` len=${e.len}` : ''}`,
  }));
  const line = (m) => `${m.from}${m.dropped ? '-x' : '->>'}${m.from === 'Client' ? 'Server' : 'Client'}: ${m.label}`;
  return { msgs, text: ['sequenceDiagram', 'participant Client', 'participant Server', ...msgs.map(line)].join('\n') };
}

async function mermaidBench(preset) {
  const { text, msgs } = mermaidText(preset);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(murl + '/mermaid.html');
  const init = await page.evaluate(() => { const t = performance.now(); mermaid.initialize({ startOnLoad: false, maxTextSize: 10000000, maxEdges: 100000, sequence: { useMaxWidth: false } }); return performance.now() - t; });
  const loadMs = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  const renders = await page.evaluate(async ({ text, n }) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      // A re-render changes one message, as a drop does.
      const src = i === 0 ? text : text.replace('->>', i % 2 ? '-x' : '->>');
      const t = performance.now();
      const { svg } = await mermaid.render('m' + i, src);
      if (svg.includes('Syntax error') || svg.includes('Maximum text size')) throw new Error('mermaid refused the diagram');
      document.getElementById('out').innerHTML = svg;
      document.getElementById('out').getBoundingClientRect();
      out.push(performance.now() - t);
    }
    return out;
  }, { text, n: 4 });
  await context.close();
  return { messages: msgs.length, load_ms: round(loadMs + init), first_render_ms: round(renders[0]), rerender_ms: round(median(renders.slice(1))) };
}

// synack's first render and re-render of the same scenarios, for the ratios.
async function synackBench(hash, dropId) {
  const firsts = [], re = [];
  for (let i = 0; i < 3; i++) {
    const { page, context } = await appPage(hash);
    firsts.push(await page.evaluate(() => window.__drawnAt));
    await dropToRepaint(page, dropId);
    re.push((await dropToRepaint(page, dropId)).work);
    await context.close();
  }
  return { first_render_ms: round(median(firsts)), rerender_ms: round(median(re)) };
}

const mermaidGz = gzipSync(mermaidBody, { level: 9 }).length;
const comparison = {};
for (const [name, hash, id, preset] of [['default', '', 's1', 'client-close'], ['stress', '#v1/p=stress', 's1', 'stress']]) {
  const m = await mermaidBench(preset);
  const s = await synackBench(hash, id);
  comparison[name] = {
    messages: m.messages, mermaid: m, synack: s,
    ratio_load_size: round(total.gzip / mermaidGz, 3),
    ratio_first_render: round(s.first_render_ms / (m.load_ms + m.first_render_ms), 3),
    ratio_rerender: round(s.rerender_ms / m.rerender_ms, 3),
  };
}

await browser.close();
server.close();
mserver.close();

const stressDrop = drop['stress'];
const report = {
  date: new Date().toISOString(), runs: RUNS, chromium: '/usr/bin/chromium',
  bytes: { files: sizes, total, editor_on_first_use: { files: lazySizes, total: lazyTotal }, mermaid_min_js: { raw: mermaidBody.length, gzip: mermaidGz } },
  navigation_to_diagram_ms: { median: round(median(nav)), runs: nav.map((x) => round(x)) },
  phone_navigation_to_diagram_ms: { median: round(median(phoneNav)), runs: phoneNav.map((x) => round(x)), cpu_slowdown: 4, viewport: '390x844' },
  drop_to_repaint_ms: drop,
  edit_to_repaint_ms: edit,
  script_drop_to_repaint_ms: { first_ms: round(scriptDrop[0]), median: round(median(scriptDrop.slice(1))), runs: scriptDrop.map((x) => round(x)) },
  load_view: loadRun,
  capture_many_short_ms: { first_ms: round(captureRead[0]), read_and_list: round(median(captureRead.slice(1))), runs: captureRead.map((x) => round(x)), choose_to_diagram: round(median(captureChoose)) },
  editor_first_open_ms: { median: median(editorOpens), runs: editorOpens },
  quiz_next_step_ms: { median: round(median(quizSteps)), runs: quizSteps.map((x) => round(x)) },
  stress: { segments: stressSegments, playback_frame_ms: round(median(frameTimes)) },
  comparison,
  first_load_gzip: { en: total.gzip, zh: firstLoadZh.gzip, zh_hant: firstLoadHant.gzip, offline_copy_manifest_and_worker: offlineExtra.gzip },
  compare_view_ms: { first_open_ms: compareFirstOpen, choose_to_drawn: round(median(compareChoose.slice(1))), runs: compareChoose.map((x) => round(x)) },
};
await writeFile(OUT + 'bench.json', JSON.stringify(report, null, 2));
console.log(JSON.stringify(report, null, 2));

// ---- budgets, on medians. The targets are the issue's; CI gates at the target
// plus a margin (BUDGET_MARGIN, default 1.25) for a loaded 2-core machine.
// The size budget has no margin: bytes do not jitter.
const MARGIN = Number(process.env.BUDGET_MARGIN || 1.25);
const within = (value, target) => value < target * MARGIN;
const budgets = [
  // Reached 182,232 B on 2026-12-02 (issue 21), 186,430 B on 2026-12-07 (issue 24's
  // stacks); issue 25's features took it to 193,989 B, and the same issue asks
  // for a first load, English and Chinese each, below that 186,430 B. Reached
  // 185,275 / 185,677 B (2026-12-07, sixth session): the first pack of words
  // (the lesson shown, not all 22), the frame's sizing only in a frame,
  // presenter mode's stage in the module. The target is 200 KB.
  ['first load gzipped < 186,430 B (English; issue 25: below its size when filed; the budget is 200 KB)', total.gzip < 186430, `${total.gzip} B: ${Object.keys(sizes).join(' ')}`],
  ['first load gzipped < 186,430 B in Simplified Chinese, < 189,600 B in Traditional (the converter on top)', firstLoadZh.gzip < 186430 && firstLoadHant.gzip < 189600, `${firstLoadZh.gzip} B, ${firstLoadHant.gzip} B`],
  ['the offline copy\'s manifest and worker add < 3 KB gzipped (fetched after the page has loaded)', offlineExtra.gzip < 3072, `${offlineExtra.gzip} B`],
  ['the first load carries the words of one language', firstLoad.filter((f) => f.startsWith('words-')).length === 1, firstLoad.filter((f) => f.startsWith('words-')).join(' ')],
  ['the editor module is not part of the first load', onFirstUse.some((f) => f.startsWith('synack-editor')) && !firstLoad.some((f) => f.startsWith('synack-editor')), `on first use: ${lazyTotal.gzip} B (${onFirstUse.join(' ')})`],
  [`navigation to diagram < 300 ms (x${MARGIN})`, within(median(nav), 300), `${round(median(nav))} ms`],
  ...presets.filter((p) => p !== 'stress').map((p) => [`drop to repaint < 16 ms (x${MARGIN}): ${p}`, within(drop[p].work_ms, 16), `${drop[p].work_ms} ms`]),
  [`drop to repaint < 16 ms (x${MARGIN}): a packetdrill script, re-run by the module`, within(median(scriptDrop.slice(1)), 16), `${round(median(scriptDrop.slice(1)))} ms`],
  [`drop to repaint < 100 ms (x${MARGIN}): stress`, within(stressDrop.work_ms, 100), `${stressDrop.work_ms} ms`],
  ...Object.keys(edit).map((p) => [`edit to repaint < 16 ms (x${MARGIN}): ${p}`, within(edit[p].work_ms, 16), `${edit[p].work_ms} ms`]),
  [`load view: 40,000 connections simulated and charted < 2 s (x${MARGIN})`, within(loadRun.ms, 2000), `${round(loadRun.ms)} ms, longest task ${round(loadRun.longest_task_ms)} ms`],
  ['load view: no main-thread task over 50 ms while it runs', loadRun.longest_task_ms <= 50, `longest ${round(loadRun.longest_task_ms)} ms (${loadRun.long_tasks} long tasks)`],
  [`capture of 300 connections read and listed < 50 ms (x${MARGIN})`, within(median(captureRead.slice(1)), 50), `${round(median(captureRead.slice(1)))} ms (first ${round(captureRead[0])} ms)`],
  [`quiz: next step to the next question and repaint < 50 ms (x${MARGIN})`, within(median(quizSteps), 50), `${round(median(quizSteps))} ms (median of ${quizSteps.length}, includes two animation frames)`],
  [`Compare view: a stack chosen until every column is drawn again < 100 ms (x${MARGIN})`, within(median(compareChoose.slice(1)), 100), `${round(median(compareChoose.slice(1)))} ms (module first loaded and drawn in ${compareFirstOpen} ms)`],
  ['re-render of the stress scenario >= 10x faster than Mermaid', comparison.stress.ratio_rerender <= 0.1, `ratio ${comparison.stress.ratio_rerender}`],
  // Issue 22's phone budget: met on an idle machine since 2026-12-07 (410-504 ms
  // medians in fresh clones), so it gates, with the margin every time budget has.
  [`phone (390 px, CPU 4x slower) navigation to diagram < 500 ms (x${MARGIN})`, within(median(phoneNav), 500), `${round(median(phoneNav))} ms (runs ${phoneNav.map((x) => round(x)).join(', ')})`],
];
// Targets measured and printed, not yet met, so not yet gating.
const targets = [];
let failed = 0;
for (const [name, ok, value] of budgets) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}  (${value})`);
  if (!ok) failed++;
}
for (const [name, ok, value] of targets) {
  console.log(`${ok ? 'met ' : 'NOT MET (not gating yet)'}  ${name}  (${value})`);
}
console.log(`\nbudgets: ${budgets.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
