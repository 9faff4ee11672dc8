// The page's plain-JavaScript helpers, copied into boot.js by
// scripts/post_build.py: what the wasm would pay for in glue is done here.

// Fetching a words pack (src/ui/words.rs; boot.js may have started it) and
// importing the module loaded on first use (src/ui/lazy.rs), relative to the
// page. Here rather than as wasm-bindgen snippets: each snippet is one more
// module the first load requests and evaluates before the page can start.
// A file asked for again while it is on its way is not fetched twice (the
// whole words pack, wanted by two draws at once); one that failed is fetched anew.
const fetching = {};
globalThis.synackFetchText = (path) => {
  const early = globalThis.synackEarlyWords || {};
  const started = early[path];
  delete early[path];
  return started || (fetching[path] ??= fetch(new URL(path, document.baseURI))
    .then((r) => r.ok ? r.text() : Promise.reject(path + ': HTTP ' + r.status))
    .finally(() => delete fetching[path]));
};
globalThis.synackImport = (path) => import(new URL(path, document.baseURI).href);
// A file of the build as bytes ("Download for your LMS" packs them all).
globalThis.synackFetchBytes = (path) => fetch(new URL(path, document.baseURI)).then((r) => r.ok ? r.arrayBuffer() : Promise.reject(path + ': HTTP ' + r.status));

// Traditional Chinese: the converter module (scripts/hant_js.py) turns what
// the page draws into Traditional characters. It starts before the first
// draw when the link (lang=zh-Hant) or the browser (zh-TW, zh-HK, zh-MO,
// *-Hant) asks for it; the page calls synackSetHant when the language changes.
{
  let converter = null;
  globalThis.synackSetHant = (on) => {
    if (!on) { converter?.then((m) => m.stop()); return; }
    converter ??= import(new URL(globalThis.synackHant, document.baseURI).href);
    return converter.then((m) => m.start());
  };
  const asked = /[#&/]lang=(en|zh)(-han[st]|-tw|-hk|-mo)?(&|$)/i.exec(location.hash);
  const tag = (navigator.language || '').toLowerCase();
  const hant = asked
    ? /hant|tw|hk|mo/i.test(asked[2] || '')
    : /^zh-(.*-)?(hant|tw|hk|mo)\b/.test(tag) && !/-hans\b/.test(tag);
  if (hant) globalThis.synackHantReady = globalThis.synackSetHant(true).catch((e) => console.warn('synack:', e));
  // The loading line in the language the page will show: index.html's is
  // English, since a Chinese character costs an English page a CJK font
  // lookup (~20 ms of a slow phone's first layout) before anything is drawn.
  const loading = document.querySelector('#app .loading');
  if (loading && (asked ? asked[1].toLowerCase() === 'zh' : tag.startsWith('zh'))) {
    loading.textContent = hant ? '正在載入 synack…' : '正在加载 synack…';
    loading.lang = hant ? 'zh-Hant' : 'zh-CN';
  }
}

// Embedded in a course page (a frame), the frame's height in every
// platform's words (static/frame.js), loaded only inside a frame: the page
// calls synackFrameHeight after each draw.
if (window.parent !== window) {
  const frame = import(new URL('./frame.js', document.baseURI).href).then((m) => m.start(window.parent));
  globalThis.synackFrameHeight = (h) => frame.then((post) => post(h));
}

// Files the system opens with the installed app (the manifest's
// file_handlers) open as if dropped on the page.
if ('launchQueue' in window) {
  window.launchQueue.setConsumer(async (params) => {
    for (const handle of params.files || []) {
      const file = await handle.getFile();
      const page = () => document.querySelector('.page');
      while (!page()) await new Promise((r) => setTimeout(r, 50));
      const data = new DataTransfer();
      data.items.add(file);
      page().dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  });
}

// Offline: sw.js (scripts/offline.py) keeps every file of this build. It is
// registered once the page has loaded and a moment more, so keeping the copy
// never competes with the first draw. A new build is offered ("a new version
// is ready"), never swapped in by itself in the middle of a lecture.
// (Not inside a SCORM player: its package has no worker, the platform serves the files.)
if ('serviceWorker' in navigator && !/[?&]embed/.test(location.search)) addEventListener('load', () => setTimeout(() => {
  if (globalThis.synackScorm) return;
  navigator.serviceWorker.register('./sw.js').then((reg) => {
    let asked = false;
    const offer = () => {
      const box = document.getElementById('update');
      if (!box || !reg.waiting) return;
      const zh = document.documentElement.lang.startsWith('zh');
      const hant = document.documentElement.lang === 'zh-Hant';
      box.querySelector('span').textContent = hant ? '新版本已就緒。' : zh ? '新版本已就绪。' : 'A new version is ready.';
      const button = box.querySelector('button');
      button.textContent = hant ? '重新載入' : zh ? '重新加载' : 'Reload';
      button.onclick = () => { asked = true; reg.waiting.postMessage('skip-waiting'); };
      box.hidden = false;
    };
    navigator.serviceWorker.addEventListener('controllerchange', () => { if (asked) location.reload(); });
    if (reg.waiting && navigator.serviceWorker.controller) offer();
    reg.addEventListener('updatefound', () => {
      const next = reg.installing;
      if (next) next.addEventListener('statechange', () => {
        if (next.state === 'installed' && navigator.serviceWorker.controller) offer();
      });
    });
  }).catch((error) => console.warn('synack: no offline copy:', error));
}, 1500));

// SCORM: inside a course platform's SCORM player (a package `synack scorm`
// wrote), the quiz's score goes to the gradebook through the API the platform
// provides, found at run time: SCORM 2004's API_1484_11 or SCORM 1.2's API,
// in a parent frame or the window that opened this one. Only then is the
// adapter (scorm.js) loaded; a page without one does nothing here. The quiz
// calls synackScore after every answer.
{
  const look = (w, name) => {
    for (let i = 0; w && i < 16; i++) {
      try { if (w[name]) return w[name]; } catch { return null; }
      if (w.parent === w) return null;
      w = w.parent;
    }
    return null;
  };
  const find = (name) => {
    const above = window.parent !== window ? look(window.parent, name) : null;
    if (above) return above;
    try { return window.opener ? look(window.opener, name) : null; } catch { return null; }
  };
  const api2004 = find('API_1484_11');
  const api12 = api2004 ? null : find('API');
  if (api2004 || api12) {
    globalThis.synackScorm = api2004 ? '2004' : '1.2';
    const adapter = import(new URL('./scorm.js', document.baseURI).href)
      .then((m) => m.start(api2004, api12))
      .catch((e) => console.warn('synack: SCORM', e));
    globalThis.synackScore = (result) => adapter.then((report) => report && report(result));
  }
}
