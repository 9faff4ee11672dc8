// Sizes each synack frame on a course page to the height it reports, so no
// scenario's controls are cut off. Pasted beside the frame by "Copy embed
// code"; only messages of the documented type, from one of this page's own
// synack frames, are trusted.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'synack:height' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe.synack')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = Math.min(Math.max(data.height, 80), 4000) + 'px';
      frame.dataset.sized = '1';
    }
  }
});
