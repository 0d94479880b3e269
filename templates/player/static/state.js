/* Saved state: what a learner has done in one module, as compact suspend_data with a format version,
   and the copy kept in the browser's localStorage. Format (docs/tracking.md):
   1|<fingerprint>|<location>|<pages seen, base 36 bit mask>|<finished tries>|<last score>|<answer>,<answer>,...
   One answer per question in quiz order, "" while unanswered: the chosen option ids (single, multiple),
   t or f (true/false), the chosen answer id per pair in pair order (matching), the item ids in the learner's
   order (ordering), the choice ids along the path taken (scenario). Ids are single characters by contract. */
(function (CB) {
  "use strict";
  var FORMAT = "1";

  CB.state = {
    FORMAT: FORMAT,
    empty: function (config) {
      return { page: config.pages[0], seen: 0, tries: 0, score: null, answers: {} };
    },

    encode: function (state, config) {
      return [FORMAT, config.fingerprint, state.page, state.seen.toString(36), state.tries,
        state.score === null ? "" : state.score,
        config.questions.map(function (q) { return state.answers[q.id] || ""; }).join(",")].join("|");
    },

    // {state, restarted}: restarted when the data comes from another format or other questions.
    decode: function (text, config) {
      var fresh = CB.state.empty(config), parts = (text || "").split("|");
      if (!text) { return { state: fresh, restarted: false }; }
      if (parts.length !== 7 || parts[0] !== FORMAT || parts[1] !== config.fingerprint) {
        return { state: fresh, restarted: true };
      }
      var answers = {}, codes = parts[6].split(",");
      config.questions.forEach(function (q, i) { if (codes[i]) { answers[q.id] = codes[i]; } });
      return {
        state: {
          page: parts[2] || fresh.page, seen: parseInt(parts[3], 36) || 0, tries: Number(parts[4]) || 0,
          score: parts[5] === "" ? null : Number(parts[5]), answers: answers
        },
        restarted: false
      };
    }
  };

  // The browser's copy: {s: suspend_data, c: the suspend_data the LMS last confirmed, r: {reflection: text}}
  CB.store = {
    key: function (config, learner) { return "course-player:" + config.courseId + ":" + config.moduleId + ":" + learner; },
    load: function (key) {
      try { return JSON.parse(window.localStorage.getItem(key)) || null; } catch (e) { return null; }
    },
    save: function (key, record) {
      try { window.localStorage.setItem(key, JSON.stringify(record)); return true; } catch (e) { return false; }
    }
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
