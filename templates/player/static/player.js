/* Starts the player and ties its parts together: finds the LMS or runs standalone, resumes the saved state,
   and applies the tracking rules of docs/tracking.md (status, score, exit, when to commit and terminate). */
(function (CB) {
  "use strict";
  var config, state, lms, connected, storeKey, placed = "", confirmed = "", reported = "";

  document.addEventListener("DOMContentLoaded", start);

  function start() {
    config = CB.config = JSON.parse(document.getElementById("player-config").textContent);
    lms = CB.lms;
    CB.reflectionKeys = function () {
      return config.reflectionIds.map(function (id) { return config.moduleId + "." + id; });
    };
    connected = lms.start();
    var lmsData = connected ? lms.read() : null;
    storeKey = CB.store.key(config, connected ? lmsData.learner || "lms" : "local");
    var local = CB.store.load(storeKey) || {};
    // The browser's copy wins while the LMS still holds what it last confirmed: it has the unsent steps.
    var trustLocal = !connected || (typeof local.s === "string" && local.c === lmsData.suspend);
    var decoded = CB.state.decode(trustLocal ? local.s : lmsData.suspend, config);
    state = decoded.state;
    confirmed = connected ? lmsData.suspend : "";
    startReflections(local, lmsData, trustLocal);
    CB.nav.init();
    CB.nav.resolve = function (id) { return id === "quiz" ? CB.quiz.entry() : id; };
    CB.nav.onStep = onStep;
    CB.nav.onFinish = finish;
    if (config.questions.length) { startQuiz(); }
    if (decoded.restarted) { CB.nav.notice(config.strings.restarted); }
    if (connected) {
      startTracking(lmsData);
    } else {
      note(config.strings.standalone);
      var home = document.querySelector(".home-link");  // only the web format has a course home
      if (home) { home.hidden = false; }
    }
    var outcome = currentOutcome();
    CB.nav.go(outcome.finished && config.questions.length ? "results" : state.page, false);
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(true); }
    });
  }

  function startReflections(local, lmsData, trustLocal) {
    var texts = {}, where = !connected ? "local" : config.reflections;
    var fromLms = where === "lms" && !trustLocal ? lmsData.comments : {};
    config.reflectionIds.forEach(function (id) {
      var text = fromLms[config.moduleId + "." + id] || (local.r || {})[id];
      if (text) { texts[id] = text; }
    });
    var limit = where === "lms" ? lms.commentLimit(CB.reflectionKeys()) : 4000;
    CB.reflections.init(config, texts, where, limit);
    CB.reflections.onChange = function () {
      keep();
      if (connected && config.reflections === "lms") {
        lms.comments(lmsTexts(), CB.reflectionKeys());
        lms.commit(false);
      }
    };
    if (connected && trustLocal && where === "lms") { lms.comments(lmsTexts(), CB.reflectionKeys()); }
  }

  function lmsTexts() {
    var texts = CB.reflections.texts(), out = {};
    config.reflectionIds.forEach(function (id) { out[config.moduleId + "." + id] = texts[id] || ""; });
    return out;
  }

  function startQuiz() {
    CB.quiz.init(config, state);
    CB.quiz.onInteraction = function (record) { if (connected) { lms.interaction(record); } };
    CB.quiz.onAnswer = function () { save(false); };
    CB.quiz.onFinish = function () { track(); save(true); };
    CB.quiz.onRetry = function () {
      save(true);
      CB.nav.go(CB.quiz.entry(), true);
    };
  }

  function startTracking(lmsData) {
    lms.onFault = function () { note(config.strings.connection_problem); };
    lms.onCommit = function () { confirmed = placed; keep(); };
    var outcome = currentOutcome();
    // Never report less than the LMS holds: an unfinished attempt only sets what is still to do.
    if (lmsData.fresh || outcome.completed) { track(); } else { reported = JSON.stringify(outcome); lms.exit(outcome.suspend); }
  }

  // The tracking rules: status and score from the quiz (or from the pages seen when there is no quiz);
  // "suspend" while something is still to do, a normal exit once the module is finished.
  function currentOutcome() {
    var o = { completed: false, success: null, score: null, finished: false };
    if (!config.questions.length) {
      o.completed = o.finished = state.seen === Math.pow(2, config.pages.length) - 1;
    } else if (state.score !== null) {
      o.completed = true;
      o.success = state.score >= config.masteryScore;
      o.score = state.score;
      o.finished = o.success || !CB.quiz.triesLeft();
    }
    o.suspend = !o.finished;
    return o;
  }

  function track() {
    var outcome = currentOutcome(), signature = JSON.stringify(outcome);
    if (signature === reported) { return; }
    reported = signature;
    if (connected) { lms.report(outcome); }
  }

  function onStep(id) {
    var page = config.pages.indexOf(id), bit = Math.pow(2, page);
    state.page = id;
    if (page >= 0 && Math.floor(state.seen / bit) % 2 === 0) { state.seen += bit; }
    if (config.questions.length) { CB.quiz.shown(id); }
    if (id === "reflections") { CB.reflections.render(); }
    track();
    save(false);
  }

  // Keeps the state in the browser and, with an LMS, sends location and suspend_data (commit throttled).
  function save(now) {
    var data = CB.state.encode(state, config);
    keep(data);
    if (connected) {
      placed = data;
      lms.place(state.page, data);
      lms.commit(now);
    }
  }

  function keep(data) {
    CB.store.save(storeKey, { s: data || CB.state.encode(state, config), c: confirmed, r: CB.reflections.texts() });
  }

  function leave() {
    save(false);
    lms.finish();
  }

  function finish() {
    leave();
    CB.nav.notice(config.strings.finished, true);
  }

  function note(text) { document.querySelector(".status-note").textContent = text; }
}(window.CoursePlayer = window.CoursePlayer || {}));
