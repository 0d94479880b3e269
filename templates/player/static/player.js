/* Starts the player and ties its parts together: the LMS or standalone, resume, and the tracking rules of
   docs/tracking.md: status, score, exit, when to commit, and one terminate, on pagehide or "Afslut". */
(function (CB) {
  "use strict";
  const lms = CB.lms;
  let config, state, connected, storeKey, placed = "", confirmed = "", reported = "";
  const reflectionKeys = () => config.reflectionIds.map(id => config.moduleId + "." + id);
  // A whole-course package launches each module with ?package=course (the manifest item's parameters).
  const inCourse = /[?&]package=course(&|$)/.test(window.location.search);

  // The page loads this script after its first paint, usually once the document is complete (docs/architecture.md).
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", withLaterSteps); } else { withLaterSteps(); }

  // The player starts with every step in the page: were steps.js not there (a lost request), it is asked for
  // once more first, so that a learner's place is never lost to a page that seems to end after page 1.
  function withLaterSteps() {
    const place = document.getElementById("later-steps");
    if (!place || typeof CB.laterSteps === "string") { start(); return; }
    const script = document.createElement("script");
    script.onload = script.onerror = start;
    script.src = document.getElementById("player-config").dataset.steps;
    document.body.appendChild(script);
  }

  function start() {
    config = CB.config = JSON.parse(document.getElementById("player-config").textContent);
    placeLaterSteps();
    connected = lms.start();
    const fromLms = connected ? lms.read(config.moduleId, reflectionKeys()) : {};
    storeKey = CB.store.key(config, connected ? fromLms.learner || "lms" : "local");
    const local = CB.store.load(storeKey);
    // The browser's copy wins while the LMS holds what it last confirmed: it has steps the LMS never got.
    const trustLocal = !connected || (typeof local.s === "string" && local.c === fromLms.suspend);
    const decoded = CB.state.decode(trustLocal ? local.s : fromLms.suspend, config);
    state = decoded.state;
    confirmed = fromLms.suspend || "";
    startReflections(local.r || {}, local.p || [], connected && config.reflections === "lms" && !trustLocal ? fromLms.comments : {});
    const scope = "&learner=" + encodeURIComponent(connected ? fromLms.learner || "lms" : "local") + (connected && !inCourse ? "&scope=module" : "");
    document.querySelectorAll(".role-link").forEach(link => { link.hash += scope; });
    CB.nav.init();
    CB.nav.resolve = id => id === "quiz" ? CB.quiz.entry() : id;
    CB.nav.onStep = onStep;
    CB.nav.onFinish = () => { leave(); CB.nav.notice(inCourse ? config.strings.finished_in_course : config.strings.finished, true); };
    if (config.questions.length) { CB.nav.wait(loadLater().then(startQuiz)); }
    if (decoded.restarted) { CB.nav.notice(config.strings.restarted); }
    if (connected) {
      lms.onFault = () => note(config.strings.connection_problem);
      lms.onCommit = () => { confirmed = placed; keep(); };
      const outcome = currentOutcome();
      // never report less than the LMS holds
      if (fromLms.fresh || outcome.completed) { track(); } else { reported = JSON.stringify(outcome); lms.exit(outcome.suspend); }
      if (trustLocal && config.reflections === "lms") { lms.comments(lmsTexts(), reflectionKeys()); }
    } else {
      note(config.strings.standalone);
      document.querySelectorAll(".home-link").forEach(link => { link.hidden = false; }); // the web format's
    }
    const first = currentOutcome().finished && config.questions.length ? "results" : state.page;
    const reveal = () => document.documentElement.classList.remove("resuming"); // module.html.j2
    if (/^(q-|results$)/.test(first)) { CB.nav.when(() => { CB.nav.go(first, false); reveal(); }); } else { CB.nav.go(first, false); reveal(); }
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") { save(true); } });
    (CB.earlyMoves ? CB.earlyMoves() : []).forEach(move => move.click()); // made before the player started
  }

  function startReflections(saved, kept, fromLms) {
    const texts = {}, where = connected ? config.reflections : "local";
    config.reflectionIds.forEach(id => {
      const text = (!kept.includes(id) && fromLms[config.moduleId + "." + id]) || saved[id];
      if (text) { texts[id] = text; }
    });
    CB.reflections.init(config, texts, where, where === "lms" ? lms.commentLimit(reflectionKeys()) : 4000, kept);
    CB.reflections.onChange = settled => {
      keep();
      if (settled && where === "lms") {
        sendReflections();
        lms.commit(false);
      }
    };
  }

  // The LMS gets a reflection once it is settled (the box left, the page left, the module finished), not each
  // typing pause: Moodle's SCORM 1.2 keeps every text it was sent (docs/tracking.md).
  function sendReflections(leaving) {
    if (leaving) { CB.reflections.settle(); }
    if (connected && config.reflections === "lms") { lms.comments(lmsTexts(), reflectionKeys()); }
  }

  function lmsTexts() { // a reflection the learner keeps on this device goes to the LMS as nothing
    const texts = CB.reflections.settled(), kept = CB.reflections.kept(), out = {};
    config.reflectionIds.forEach(id => { out[config.moduleId + "." + id] = kept.includes(id) ? "" : texts[id] || ""; });
    return out;
  }

  // The steps after the first page come in steps.js, which the page loads with the scripts after its first
  // paint, so that its first document holds no more than the first lesson page (module.html.j2).
  function placeLaterSteps() {
    const place = document.getElementById("later-steps");
    if (place && typeof CB.laterSteps === "string") {
      place.innerHTML = CB.laterSteps;
      place.replaceWith(place.content);
    }
  }

  // The scripts the page lists in data-later (the quiz), after the first paint, in their order.
  function loadLater() {
    const sources = document.getElementById("player-config").dataset.later.split(" ").filter(Boolean);
    const painted = new Promise(resolve => { // a hidden page paints nothing and gets no animation frames
      if (document.hidden) { resolve(); } else { requestAnimationFrame(() => setTimeout(resolve)); }
    });
    return painted.then(() => Promise.all(sources.map(source => new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.async = false;
      script.onload = resolve;
      script.onerror = () => reject(new Error("could not load " + source));
      script.src = source;
      document.body.appendChild(script);
    }))));
  }

  function startQuiz() {
    CB.quiz.init(config, state);
    CB.quiz.onInteraction = record => connected && lms.interaction(record);
    CB.quiz.onAnswer = () => save(false);
    CB.quiz.onFinish = () => { track(); save(true); };
    CB.quiz.onRetry = () => { save(true); CB.nav.go(CB.quiz.entry(), true); };
  }

  // An outcome only once nothing is left to do; a failed try with tries left is still in progress (Moodle
  // resumes no attempt that is completed/passed/failed, and turns a sent score into passed/failed).
  // The best finished try counts, with the status it earned (docs/tracking.md), never the last one.
  function currentOutcome() {
    const o = { completed: false, success: null, score: null, finished: false }, best = state.best;
    if (!config.questions.length) {
      o.completed = o.finished = state.seen === Math.pow(2, config.pages.length) - 1;
    } else if (best !== null && (best >= config.masteryScore || !CB.state.triesLeft(state, config))) {
      o.completed = o.finished = true;
      o.success = best >= config.masteryScore;
      o.score = best;
    }
    o.suspend = !o.finished;
    return o;
  }

  function track() { // reports the outcome when it changed
    const outcome = currentOutcome(), signature = JSON.stringify(outcome);
    if (signature !== reported && connected) { lms.report(outcome); }
    reported = signature;
  }

  function onStep(id) {
    const page = config.pages.indexOf(id), bit = Math.pow(2, page);
    state.page = id;
    if (page >= 0 && Math.floor(state.seen / bit) % 2 === 0) { state.seen += bit; }
    if (CB.quiz) { CB.quiz.shown(id); }
    if (id === "reflections") { CB.reflections.render(); }
    track();
    save(false);
  }

  function save(now) { // the browser's copy; with an LMS also location, suspend_data, a throttled commit
    const data = CB.state.encode(state, config);
    keep(data);
    if (connected) {
      sendReflections(true);
      lms.place(state.page, placed = data);
      lms.commit(now);
    }
  }

  function keep(data) {
    CB.store.save(storeKey, { s: data || CB.state.encode(state, config), c: confirmed, r: CB.reflections.texts(),
      p: CB.reflections.kept(), f: currentOutcome().finished ? 1 : 0 });
  }

  function leave() {
    save(false);
    lms.finish();
  }

  function note(text) { document.querySelector(".status-note").textContent = text; }
}(window.CoursePlayer = window.CoursePlayer || {}));
