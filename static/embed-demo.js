// The demo course page's own script: it records a quiz frame's answers.
// Only messages from one of this page's own frames are trusted.
function fromOurFrame(event) {
  return [...document.querySelectorAll('iframe.synack')].some((f) => f.contentWindow === event.source);
}

// A quiz frame reports each answer: {type: "synack:quiz", correct, answered, total, done}.
// A course page (or an LMS) would store it; this one shows it.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'synack:quiz' || !fromOurFrame(event)) return;
  const record = document.getElementById('quiz-record');
  if (!record) return;
  record.textContent = data.done
    ? `Quiz finished: ${data.correct} of ${data.total} right.`
    : `${data.correct} right of ${data.answered} answered (${data.total} questions).`;
  record.dataset.correct = String(data.correct);
  record.dataset.answered = String(data.answered);
  record.dataset.done = String(data.done);
});

// (The frames' heights: embed.js, the script "Copy embed code" pastes.)
