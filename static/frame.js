// The frame's height in every course platform's words, loaded by boot.js
// only when the page is inside a frame (scripts/boot_extras.js): synack's
// own message (static/embed.js reads it), Canvas's lti.frameResize, and
// H5P's resizer protocol (hello; then prepareResize, answered by
// resizePrepared once the host has made the frame 1 px tall; then resize
// with the height). start() listens to the host and returns what the page
// calls with each new height.
export function start(parent) {
  let height = 0;
  let h5pHost = false;
  let hello = false;
  const h5p = (action, extra = {}) => parent.postMessage({ context: 'h5p', action, ...extra }, '*');
  addEventListener('message', (event) => {
    const data = event.data || {};
    if (event.source !== parent || data.context !== 'h5p') return;
    if (data.action === 'hello' || data.action === 'resize') { h5pHost = true; h5p('prepareResize'); }
    if (data.action === 'resizePrepared') h5p('resize', { height });
  });
  return (h) => {
    const changed = h !== height;
    height = h;
    parent.postMessage({ type: 'synack:height', height: h }, '*');
    parent.postMessage({ subject: 'lti.frameResize', height: h }, '*');
    // H5P's host shrinks the frame to 1 px on every prepareResize: asked only
    // when the height changed, or a measure taken then would ask again, and again.
    if (h5pHost) { if (changed) h5p('prepareResize'); }
    else if (!hello) { hello = true; h5p('hello'); }
  };
}
