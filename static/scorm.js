// The SCORM adapter, loaded by boot.js only inside a SCORM player (see
// scripts/boot_extras.js): starts the attempt, reports each score, and ends
// the attempt when the page goes away.
export function start(api2004, api12) {
  const lms = api2004 ? {
    start: () => {
      api2004.Initialize('');
      const status = api2004.GetValue('cmi.completion_status');
      if (status === 'not attempted' || status === 'unknown' || status === '') api2004.SetValue('cmi.completion_status', 'incomplete');
      api2004.Commit('');
    },
    report: (correct, total, done) => {
      const scaled = total ? correct / total : 0;
      api2004.SetValue('cmi.score.min', '0');
      api2004.SetValue('cmi.score.max', String(total));
      api2004.SetValue('cmi.score.raw', String(correct));
      api2004.SetValue('cmi.score.scaled', String(Math.round(scaled * 10000) / 10000));
      api2004.SetValue('cmi.completion_status', done ? 'completed' : 'incomplete');
      // Passed or failed only against the pass mark the platform gives.
      const pass = parseFloat(api2004.GetValue('cmi.scaled_passing_score'));
      if (done && !Number.isNaN(pass)) api2004.SetValue('cmi.success_status', scaled >= pass ? 'passed' : 'failed');
      api2004.Commit('');
    },
    finish: () => api2004.Terminate(''),
  } : {
    start: () => {
      api12.LMSInitialize('');
      const status = api12.LMSGetValue('cmi.core.lesson_status');
      if (status === 'not attempted' || status === '') api12.LMSSetValue('cmi.core.lesson_status', 'incomplete');
      api12.LMSCommit('');
    },
    report: (correct, total, done) => {
      // SCORM 1.2 scores are 0–100.
      const raw = total ? Math.round((100 * correct) / total) : 0;
      api12.LMSSetValue('cmi.core.score.min', '0');
      api12.LMSSetValue('cmi.core.score.max', '100');
      api12.LMSSetValue('cmi.core.score.raw', String(raw));
      if (done) {
        const mastery = parseFloat(api12.LMSGetValue('cmi.student_data.mastery_score'));
        api12.LMSSetValue('cmi.core.lesson_status', Number.isNaN(mastery) ? 'completed' : raw >= mastery ? 'passed' : 'failed');
      }
      api12.LMSCommit('');
    },
    finish: () => api12.LMSFinish(''),
  };
  const safely = (f) => (...args) => { try { f(...args); } catch (e) { console.warn('synack: SCORM', e); } };
  safely(lms.start)();
  let finished = false;
  addEventListener('pagehide', safely(() => { if (!finished) { finished = true; lms.finish(); } }));
  return safely(({ correct, total, done }) => lms.report(correct, total, done));
}
