/* The quiz: questions with immediate feedback, results with a review, retries. Answers are codes (state.js). */
// Tracking: player.js. What differs by question type is in templates/question_types/<type>/player.js: the build
// puts those scripts in place of the "question types" line at the end, and leaves out comment lines like these.
(function (CB) {
  "use strict";
  const quiz = CB.quiz = {};
  const keys = {}, pristine = {}, types = {}, type = key => ({ ...base, ...types[key.type] });
  let config, t, state, shownAt = {};

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => [...(root || document).querySelectorAll(selector)];
  const section = id => document.getElementById("q-" + id);
  function add(parent, tag, text) {
    const element = parent.appendChild(document.createElement(tag));
    element.textContent = text || "";
    return element;
  }

  quiz.init = (cfg, saved) => {
    config = cfg;
    t = cfg.strings;
    state = saved;
    cfg.questions.forEach(key => {
      keys[key.id] = key;
      pristine[key.id] = section(key.id).cloneNode(true);
      if (state.answers[key.id]) { type(key).restore(key, section(key.id), state.answers[key.id]); }
    });
    document.addEventListener("click", event => {
      const button = event.target.closest("button"), question = button && button.closest(".question");
      if (!button) { return; }
      if (button.matches(".check") && question) {
        type(keys[question.dataset.question]).check(question, button);
      } else if (button.matches(".move")) {
        move(button);
      } else if (button.matches(".retry")) {
        quiz.retry();
      } else if (button.matches(".goto-unanswered")) {
        CB.nav.go(quiz.entry(), true);
      }
    });
    quiz.render();
  };

  const select = (root, pair) => $(`select[data-pair="${pair}"]`, root);

  function read(key, root) { // ids in key order: options and pairs sorted, ordering items as placed
    const values = type(key).values(key, root);
    return values.every(Boolean) ? values.join("") : "";
  }

  const apply = (key, root, code) => code.split("").forEach((id, i) => type(key).place(key, root, id, i));
  const answered = key => type(key).answered(key, state.answers[key.id] || "");
  const points = (key, code) => type(key).points(key, code); // 0..1

  // What a type does unless it says otherwise: one check button, choices.
  const base = {
    interaction: "choice",
    values: (key, root) => $$(".answer input:checked", root).map(input => input.value).sort(),
    place: (key, root, id) => { $(`.answer input[value="${id}"]`, root).checked = true; },
    answered: (key, code) => !!code,
    points: (key, code) => +(code === key.correct.join("")),
    partly: () => false,
    tracked: (key, code) => [code.split(""), [key.correct]], // response, correct responses
    summarize() {}, // what the learner answered
    check,
    restore(key, root, code) { apply(key, root, code); show(key, root, code); },
  };

  quiz.score = () => {
    const sum = config.questions.reduce((total, key) => total + points(key, state.answers[key.id] || ""), 0);
    return Math.round(sum / config.questions.length * 10000) / 100;
  };
  quiz.triesLeft = () => CB.state.triesLeft(state, config);
  quiz.entry = () => { // the menu's "Quiz": the first unanswered question, or the results
    const open = config.questions.find(key => !answered(key));
    return open ? "q-" + open.id : "results";
  };
  quiz.shown = stepId => {
    const key = keys[stepId.slice(2)];
    if (key && !shownAt[key.id]) { shownAt[key.id] = shownAt[key.id + "." + key.start] = Date.now(); }
  };

  function check(root) {
    const key = keys[root.dataset.question], code = read(key, root);
    if (!code) { CB.announce(t.answer_first); return; }
    state.answers[key.id] = code;
    track(key.id, type(key).interaction, ...type(key).tracked(key, code), points(key, code) === 1, key.id);
    const result = show(key, root, code);
    result.focus();
    CB.announce($(".verdict", result).textContent);
    progress();
  }

  function track(id, type, response, correct, result, question) {
    const latency = Date.now() - (shownAt[id] || shownAt[question] || Date.now());
    quiz.onInteraction({ id, type, response, correct, result, latency, time: new Date(), description: config.descriptions[question][id] });
  }

  function lock(root) {
    $$("input, select, .move", root).forEach(control => { control.disabled = true; });
    $$(".check", root).forEach(button => { button.hidden = true; });
  }

  function show(key, root, code) {
    const result = $(".result", root), right = points(key, code) === 1, verdict = $(".verdict", result);
    lock(root);
    result.hidden = false;
    verdict.textContent = right ? t.correct : type(key).partly(key, code) ? t.partly_correct : t.incorrect;
    verdict.className = "verdict " + (right ? "right" : "wrong");
    $$(".feedback", result).forEach(f => {
      f.hidden = f.dataset.option ? !code.includes(f.dataset.option) : f.dataset.result !== (right ? "correct" : "incorrect");
    });
    const summary = $(".summary", root);
    summary.textContent = "";
    type(key).summarize(key, root, code, right, summary);
    return result;
  }

  function summary(box, tag) {
    add(box, "p", t.answer + ":");
    return add(box, tag);
  }

  function mark(item, right, hint) {
    add(item, "span", right ? ` ✓ ${t.correct}` : ` ✗ ${t.incorrect}`).className = right ? "right" : "wrong";
    if (!right && hint) { add(item, "span", ` (${hint})`); }
  }

  function move(button) {
    const item = button.closest("li"), list = item.parentNode, up = button.dataset.move === "-1";
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (sibling) { list.insertBefore(item, up ? sibling : sibling.nextSibling); }
    button.focus();
    const items = $$("li", list);
    CB.announce(CB.fill(t.moved, { item: $(".item-text", item).textContent, n: items.indexOf(item) + 1, total: items.length }));
  }

  function progress() { // after each answer: the end of a try when every question is answered
    const finished = config.questions.every(answered);
    if (finished) {
      state.tries += 1;
      state.score = quiz.score();
      state.best = state.best == null ? state.score : Math.max(state.best, state.score);
    }
    quiz.render();
    (finished ? quiz.onFinish : quiz.onAnswer)();
  }

  quiz.render = () => {
    const page = $("#results"), total = config.questions.length, done = config.questions.filter(answered).length;
    const left = quiz.triesLeft(), passed = state.score >= config.masteryScore, verdict = $(".outcome > .verdict", page);
    $(".pending", page).hidden = done === total;
    $(".outcome", page).hidden = done < total;
    if (done < total) { $(".unanswered", page).textContent = CB.fill(t.unanswered, { n: done, total }); return; }
    verdict.textContent = passed ? t.passed : t.failed;
    verdict.className = "verdict " + (passed ? "right" : "wrong");
    const score = state.score.toLocaleString(config.language, { maximumFractionDigits: 2 });
    $(".score-line", page).textContent = CB.fill(t.score_line, { score, mastery: config.masteryScore });
    const best = state.best.toLocaleString(config.language, { maximumFractionDigits: 2 });
    $(".tries", page).textContent = passed ? "" : (state.best > state.score ? CB.fill(t.best_counts, { score: best }) + " " : "") +
      (!left ? t.no_tries_left : left === Infinity ? t.tries_unlimited : CB.fill(t.tries_left, { n: left }));
    $(".retry", page).hidden = passed || !left;
    review($(".review", page));
  };

  // A copy of every question as answered: prompt, the learner's answer, verdict and feedback.
  function review(list) {
    list.textContent = "";
    config.questions.forEach(key => {
      const copy = section(key.id).cloneNode(true), item = add(list, "li");
      add(item, "h4", $("h2", copy).textContent);
      $$("h2, .quiz-intro, fieldset, button, [hidden], .reference", copy).forEach(el => el.remove());
      $$("[id], [tabindex], [aria-describedby]", copy).forEach(el => {
        ["id", "tabindex", "aria-describedby"].forEach(name => el.removeAttribute(name));
      });
      item.append(...copy.childNodes);
    });
  }

  quiz.retry = () => {
    state.answers = {};
    shownAt = {};
    config.questions.forEach(key => section(key.id).replaceWith(pristine[key.id].cloneNode(true)));
    quiz.render();
    quiz.onRetry();
  };

  /* question types */
}(window.CoursePlayer = window.CoursePlayer || {}));
