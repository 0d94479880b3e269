/* The quiz: every question type with immediate feedback, scenarios situation by situation, results with a
   review, retries. Answers are codes (state.js): chosen ids, t/f, a scenario's choices. Tracking: player.js. */
(function (CB) {
  "use strict";
  const quiz = CB.quiz = {};
  const TYPES = { truefalse: "true-false", matching: "matching", ordering: "sequencing" }; // others: choice
  const keys = {}, pristine = {};
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
      if (state.answers[key.id]) { restore(key, section(key.id), state.answers[key.id]); }
    });
    document.addEventListener("click", event => {
      const button = event.target.closest("button"), question = button && button.closest(".question");
      if (!button) { return; }
      if (button.matches(".check") && question) {
        const node = button.closest(".node");
        if (node) { decide(question, node); } else { check(question); }
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
    const values = key.pairs ? key.pairs.map(pair => select(root, pair).value)
      : key.order ? $$(".ordering li", root).map(li => li.dataset.item)
      : $$(".answer input:checked", root).map(input => input.value).sort();
    return values.every(Boolean) ? values.join("") : "";
  }

  function apply(key, root, code) {
    const list = $(".ordering", root);
    code.split("").forEach((id, i) => {
      if (key.pairs) { select(root, key.pairs[i]).value = id; }
      else if (list) { list.appendChild($(`[data-item="${id}"]`, list)); }
      else { $(`.answer input[value="${id}"]`, root).checked = true; }
    });
  }

  // A scenario's path: the decisions taken, the node reached, and whether it is an ending.
  function walk(key, code) {
    let node = key.start;
    const decisions = [];
    for (let i = 0; i < code.length && key.nodes[node] && key.nodes[node].choices; i++) {
      decisions.push([node, code[i]]);
      node = key.nodes[node].choices[code[i]];
    }
    return { decisions, at: node, ended: !!key.nodes[node] && "score" in key.nodes[node] };
  }

  function answered(key) {
    const code = state.answers[key.id] || "";
    return key.type === "scenario" ? walk(key, code).ended : !!code;
  }

  function points(key, code) { // 0..1: right or wrong; a scenario earns its ending's share
    if (key.type === "scenario") { const end = walk(key, code); return end.ended ? key.nodes[end.at].score / 100 : 0; }
    if (key.type === "truefalse") { return +((code === "t") === key.correct); }
    return +(code === (key.correct || key.pairs || key.order).join(""));
  }

  const partly = (key, code) => key.type === "multiple" ? key.correct.some(c => code.includes(c))
    : key.type === "matching" && key.pairs.some((p, i) => code[i] === p);

  quiz.score = () => {
    const sum = config.questions.reduce((total, key) => total + points(key, state.answers[key.id] || ""), 0);
    return Math.round(sum / config.questions.length * 10000) / 100;
  };
  quiz.triesLeft = () => config.quizAttempts ? Math.max(config.quizAttempts - state.tries, 0) : Infinity;
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
    let response = code.split(""), correct = [key.correct || key.order];
    if (!code) { CB.announce(t.answer_first); return; }
    state.answers[key.id] = code;
    if (key.type === "truefalse") { response = code === "t"; correct = [key.correct]; }
    if (key.pairs) {
      response = key.pairs.map((p, i) => [p, code[i]]);
      correct = [key.pairs.map(p => [p, p])];
    }
    track(key.id, TYPES[key.type] || "choice", response, correct, points(key, code) === 1, key.id);
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
    verdict.textContent = right ? t.correct : partly(key, code) ? t.partly_correct : t.incorrect;
    verdict.className = "verdict " + (right ? "right" : "wrong");
    $$(".feedback", result).forEach(f => {
      f.hidden = f.dataset.option ? !code.includes(f.dataset.option) : f.dataset.result !== (right ? "correct" : "incorrect");
    });
    summarize(key, root, code, right);
    return result;
  }

  function mark(item, right, hint) {
    add(item, "span", right ? ` ✓ ${t.correct}` : ` ✗ ${t.incorrect}`).className = right ? "right" : "wrong";
    if (!right && hint) { add(item, "span", ` (${hint})`); }
  }

  // What the learner answered, pair by pair or item by item (true/false: the answer given).
  function summarize(key, root, code, right) {
    const box = $(".summary", root), text = selector => $(selector, root).textContent;
    const answer = (pair, id) => $(`option[value="${id}"]`, select(root, pair)).textContent;
    const item = id => text(`[data-item="${id}"] .item-text`);
    box.textContent = "";
    if (key.type === "truefalse") { add(box, "p", t.answer + ": " + (code === "t" ? t.answer_true : t.answer_false)); }
    if (!key.pairs && !key.order) { return; }
    add(box, "p", t.answer + ":");
    const list = add(box, key.pairs ? "ul" : "ol");
    (key.pairs || key.order).forEach((id, i) => {
      if (key.pairs) {
        mark(add(list, "li", text(`li[data-pair="${id}"] .left`) + " → " + answer(id, code[i])), code[i] === id,
          CB.fill(t.right_answer, { answer: answer(id, id) }));
      } else {
        mark(add(list, "li", item(code[i])), code[i] === id);
      }
    });
    if (key.order && !right) {
      add(box, "p", t.correct_order);
      const order = add(box, "ol");
      key.order.forEach(id => add(order, "li", item(id)));
    }
  }

  function decide(root, node) {
    const key = keys[root.dataset.question], id = node.dataset.node, input = $("input:checked", node);
    if (!input) { CB.announce(t.answer_first); return; }
    state.answers[key.id] = (state.answers[key.id] || "") + input.value;
    const best = key.nodes[id].best;
    track(key.id + "." + id, "choice", [input.value], best.map(b => [b]), best.includes(input.value), key.id);
    const next = decided(key, root, node, input.value), result = $(".result", node);
    result.focus();
    CB.announce(result.textContent.trim() + (next.matches(".ending") ? " " + next.textContent.trim() : ""));
    progress();
  }

  // Locks a decision point, shows the consequence of the choice and reveals what comes next.
  function decided(key, root, node, choice) {
    const result = $(".result", node), nextId = key.nodes[node.dataset.node].choices[choice];
    const next = $(`[data-node="${nextId}"]`, root), ending = key.nodes[nextId];
    lock(node);
    result.hidden = false;
    $$(".feedback", result).forEach(f => { f.hidden = f.dataset.option !== choice; });
    next.parentNode.appendChild(next); // situations follow in the order the learner meets them
    next.hidden = false;
    shownAt[key.id + "." + nextId] = Date.now();
    if ("score" in ending) { $(".ending-score", next).textContent = CB.fill(t.scenario_score, { score: ending.score }); }
    return next;
  }

  function restore(key, root, code) {
    if (key.type !== "scenario") { apply(key, root, code); show(key, root, code); return; }
    walk(key, code).decisions.forEach(([nodeId, choice]) => {
      const node = $(`[data-node="${nodeId}"]`, root);
      $(`input[value="${choice}"]`, node).checked = true;
      decided(key, root, node, choice);
    });
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
    $(".tries", page).textContent = passed ? "" : !left ? t.no_tries_left
      : left === Infinity ? t.tries_unlimited : CB.fill(t.tries_left, { n: left });
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
}(window.CoursePlayer = window.CoursePlayer || {}));
