/* Saved state (docs/tracking.md): compact suspend_data with a format version, and the browser's copy.
   1|<fingerprint>|<location>|<pages seen, base-36 bit mask>|<finished tries>|<last score>|<answer>,<answer>,...[|<best score>]
   An answer per question in quiz order, "" while unanswered (codes: see quiz.js). The best finished try's score
   only when it is not the last one's. */
(function (CB) {
  "use strict";
  const FORMAT = "1";

  CB.state = {
    triesLeft: (s, config) => config.quizAttempts ? Math.max(config.quizAttempts - s.tries, 0) : Infinity,
    empty: config => ({ page: config.pages[0], seen: 0, tries: 0, score: null, best: null, answers: {} }),
    encode: (s, config) => [FORMAT, config.fingerprint, s.page, s.seen.toString(36), s.tries, s.score === null ? "" : s.score,
      config.questions.map(q => s.answers[q.id] || "").join(",")].concat(s.best == null || s.best === s.score ? [] : [s.best]).join("|"),
    // {state, restarted}: another format or other questions restart the module
    decode: (text, config) => {
      const parts = (text || "").split("|"), answers = {}, codes = (parts[6] || "").split(",");
      if (parts.length < 7 || parts.length > 8 || parts[0] !== FORMAT || parts[1] !== config.fingerprint) {
        return { state: CB.state.empty(config), restarted: !!text };
      }
      config.questions.forEach((q, i) => { if (codes[i]) { answers[q.id] = codes[i]; } });
      const score = parts[5] === "" ? null : +parts[5], best = (parts[7] || "") === "" ? score : +parts[7];
      return {
        state: { page: parts[2], seen: parseInt(parts[3], 36) || 0, tries: +parts[4] || 0,
          score, best, answers },
        restarted: false
      };
    }
  };

  // The browser's copy: {s: suspend_data, c: the suspend_data the LMS confirmed last, r: reflection texts,
  // f: 1 once the module is finished (the web format's home page shows it as progress on the learner's path)}
  CB.store = {
    key: (config, learner) => ["course-player", config.courseId, config.moduleId, learner].join(":"),
    load: key => { try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; } },
    save: (key, record) => { try { localStorage.setItem(key, JSON.stringify(record)); } catch (e) { /* full */ } }
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
