/* The quiz: every question type of the content model with immediate feedback, scenarios played situation
   by situation, the results page that reviews each answer, and retries. It scores; tracking happens in
   the hooks (player.js). Answers are kept as compact codes (state.js). */
(function (CB) {
  "use strict";
  var quiz = CB.quiz = { onInteraction: null, onAnswer: null, onFinish: null, onRetry: null };
  var SCORM_TYPES = { single: "choice", multiple: "choice", truefalse: "true-false", matching: "matching", ordering: "sequencing" };
  var config, t, state, keys = {}, pristine = {}, shownAt = {};

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return [].slice.call((root || document).querySelectorAll(selector)); }
  function section(id) { return document.getElementById("q-" + id); }
  function add(parent, tag, text) {
    var element = parent.appendChild(document.createElement(tag));
    if (text) { element.textContent = text; }
    return element;
  }

  quiz.init = function (cfg, saved) {
    config = cfg;
    t = cfg.strings;
    state = saved;
    cfg.questions.forEach(function (key) {
      keys[key.id] = key;
      pristine[key.id] = section(key.id).cloneNode(true);
      if (state.answers[key.id]) { restore(key, section(key.id), state.answers[key.id]); }
    });
    document.addEventListener("click", click);
    quiz.render();
  };

  function click(event) {
    var button = event.target.closest("button");
    var question = button && button.closest(".question");
    if (!button) { return; }
    if (button.classList.contains("check") && question) {
      var node = button.closest(".node");
      if (node) { decide(question, node); } else { check(question); }
    } else if (button.classList.contains("move")) {
      move(button);
    } else if (button.classList.contains("retry")) {
      quiz.retry();
    } else if (button.classList.contains("goto-unanswered")) {
      CB.nav.go(quiz.entry(), true);
    }
  }

  // ---- answers as codes
  function read(key, root) {
    if (key.type === "matching") {
      var values = $$("select", root).map(function (select) { return select.value; });
      return values.every(Boolean) ? values.join("") : "";
    }
    if (key.type === "ordering") {
      return $$(".ordering li", root).map(function (li) { return li.getAttribute("data-item"); }).join("");
    }
    return $$(".answer input:checked", root).map(function (input) { return input.value; }).join("");
  }

  function apply(key, root, code) {
    if (key.type === "matching") {
      $$("select", root).forEach(function (select, i) { select.value = code.charAt(i); });
    } else if (key.type === "ordering") {
      var list = $(".ordering", root);
      code.split("").forEach(function (id) { list.appendChild($('[data-item="' + id + '"]', list)); });
    } else {
      code.split("").forEach(function (id) {
        var input = $('.answer input[value="' + id + '"]', root);
        if (input) { input.checked = true; }
      });
    }
  }

  // The path of a scenario: the decisions taken, the node reached, and whether it is an ending.
  function walk(key, code) {
    var node = key.start, decisions = [];
    for (var i = 0; i < code.length && key.nodes[node] && key.nodes[node].choices; i++) {
      decisions.push([node, code.charAt(i)]);
      node = key.nodes[node].choices[code.charAt(i)];
    }
    return { decisions: decisions, at: node, ended: !!key.nodes[node] && "score" in key.nodes[node] };
  }

  function answered(key) {
    var code = state.answers[key.id] || "";
    return key.type === "scenario" ? walk(key, code).ended : !!code;
  }

  // Points of one question, 0..1: right or wrong; a scenario earns its ending's share.
  function points(key, code) {
    if (key.type === "scenario") { var end = walk(key, code); return end.ended ? key.nodes[end.at].score / 100 : 0; }
    if (key.type === "truefalse") { return (code === "t") === key.correct ? 1 : 0; }
    return code === (key.correct || key.pairs || key.order).join("") ? 1 : 0;
  }

  function partly(key, code) {
    if (key.type === "multiple") { return code.split("").some(function (c) { return key.correct.indexOf(c) >= 0; }); }
    return key.type === "matching" && key.pairs.some(function (p, i) { return code.charAt(i) === p; });
  }

  quiz.score = function () {
    var sum = config.questions.reduce(function (total, key) { return total + points(key, state.answers[key.id] || ""); }, 0);
    return Math.round(sum / config.questions.length * 10000) / 100;
  };
  quiz.triesLeft = function () {
    return config.quizAttempts ? Math.max(config.quizAttempts - state.tries, 0) : Infinity;
  };
  // Where the menu's "Quiz" leads: the first unanswered question, or the results.
  quiz.entry = function () {
    var open = config.questions.filter(function (key) { return !answered(key); })[0];
    return open ? "q-" + open.id : "results";
  };
  quiz.shown = function (stepId) {
    var key = keys[stepId.slice(2)];
    if (key && !shownAt[key.id]) { shownAt[key.id] = Date.now(); shownAt[key.id + "." + key.start] = Date.now(); }
  };

  // ---- checking an answer
  function check(root) {
    var key = keys[root.getAttribute("data-question")], code = read(key, root);
    if (!code) { CB.announce(t.answer_first); return; }
    state.answers[key.id] = code;
    var response = code.split(""), correct = [key.correct || key.pairs || key.order];
    if (key.type === "truefalse") { response = code === "t"; correct = [key.correct]; }
    if (key.type === "matching") {
      response = key.pairs.map(function (p, i) { return [p, code.charAt(i)]; });
      correct = [key.pairs.map(function (p) { return [p, p]; })];
    }
    track(key.id, SCORM_TYPES[key.type], response, correct, points(key, code) === 1, key.id);
    var result = show(key, root, code);
    result.focus();
    CB.announce($(".verdict", result).textContent);
    progress();
  }

  function track(id, type, response, correct, right, question) {
    quiz.onInteraction({
      id: id, type: type, response: response, correct: correct, result: right,
      latency: Date.now() - (shownAt[id] || shownAt[question] || Date.now()), time: new Date(),
      description: (config.descriptions[question] || {})[id]
    });
  }

  function lock(root) {
    $$("input, select, .move", root).forEach(function (control) { control.disabled = true; });
    $$(".check", root).forEach(function (button) { button.hidden = true; });
  }

  function show(key, root, code) {
    var result = $(".result", root), right = points(key, code) === 1, verdict = $(".verdict", result);
    lock(root);
    result.hidden = false;
    verdict.textContent = right ? t.correct : partly(key, code) ? t.partly_correct : t.incorrect;
    verdict.className = "verdict " + (right ? "right" : "wrong");
    $$(".feedback[data-option]", result).forEach(function (f) { f.hidden = code.indexOf(f.getAttribute("data-option")) < 0; });
    $$("[data-result]", result).forEach(function (f) { f.hidden = f.getAttribute("data-result") !== (right ? "correct" : "incorrect"); });
    summarize(key, root, code, right);
    return result;
  }

  function mark(item, right, hint) {
    var sign = add(item, "span", right ? " ✓" : " ✗");
    sign.className = "mark " + (right ? "right" : "wrong");
    sign.setAttribute("aria-hidden", "true");
    add(item, "span", right ? t.correct : t.incorrect).className = "visually-hidden";
    if (hint && !right) { add(item, "span", " (" + hint + ")"); }
  }

  // What the learner answered, pair by pair or item by item (true/false: the answer given).
  function summarize(key, root, code, right) {
    var box = $(".summary", root);
    function itemText(id) { return $('.ordering [data-item="' + id + '"] .item-text', root).textContent; }
    function answerText(pair, id) { return $('select[data-pair="' + pair + '"] option[value="' + id + '"]', root).textContent; }
    box.textContent = "";
    if (key.type === "truefalse") { add(box, "p", t.answer + ": " + (code === "t" ? t.answer_true : t.answer_false)); }
    if (key.type === "matching") {
      add(box, "p", t.answer + ":");
      var pairs = add(box, "ul");
      key.pairs.forEach(function (pair, i) {
        var left = $('li[data-pair="' + pair + '"] .left', root).textContent;
        mark(add(pairs, "li", left + " → " + answerText(pair, code.charAt(i))), code.charAt(i) === pair,
          CB.fill(t.right_answer, { answer: answerText(pair, pair) }));
      });
    }
    if (key.type === "ordering") {
      add(box, "p", t.answer + ":");
      var given = add(box, "ol");
      code.split("").forEach(function (id, i) { mark(add(given, "li", itemText(id)), key.order[i] === id); });
      if (!right) {
        add(box, "p", t.correct_order);
        var order = add(box, "ol");
        key.order.forEach(function (id) { add(order, "li", itemText(id)); });
      }
    }
  }

  // ---- scenarios
  function decide(root, node) {
    var key = keys[root.getAttribute("data-question")], nodeId = node.getAttribute("data-node"), input = $("input:checked", node);
    if (!input) { CB.announce(t.answer_first); return; }
    state.answers[key.id] = (state.answers[key.id] || "") + input.value;
    var best = key.nodes[nodeId].best, id = key.id + "." + nodeId;
    track(id, "choice", [input.value], best.map(function (b) { return [b]; }), best.indexOf(input.value) >= 0, key.id);
    var next = decided(key, root, node, input.value), result = $(".result", node);
    result.focus();
    CB.announce(result.textContent.trim() + (next.classList.contains("ending") ? " " + next.textContent.trim() : ""));
    progress();
  }

  // Locks a decision point, shows the consequence of the choice and reveals what comes next.
  function decided(key, root, node, choice) {
    var result = $(".result", node), nextId = key.nodes[node.getAttribute("data-node")].choices[choice];
    var next = $('[data-node="' + nextId + '"]', root);
    lock(node);
    result.hidden = false;
    $$(".feedback", result).forEach(function (f) { f.hidden = f.getAttribute("data-option") !== choice; });
    next.parentNode.appendChild(next);  // situations appear in the order the learner meets them
    next.hidden = false;
    shownAt[key.id + "." + nextId] = Date.now();
    if ("score" in key.nodes[nextId]) {
      $(".ending-score", next).textContent = CB.fill(t.scenario_score, { score: key.nodes[nextId].score });
    }
    return next;
  }

  function restore(key, root, code) {
    if (key.type !== "scenario") { apply(key, root, code); show(key, root, code); return; }
    walk(key, code).decisions.forEach(function (decision) {
      var node = $('[data-node="' + decision[0] + '"]', root), input = $('input[value="' + decision[1] + '"]', node);
      input.checked = true;
      decided(key, root, node, decision[1]);
    });
  }

  function move(button) {
    var item = button.closest("li"), list = item.parentNode, up = button.getAttribute("data-move") === "-1";
    var sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (sibling) { list.insertBefore(item, up ? sibling : sibling.nextSibling); }
    button.focus();
    var items = $$("li", list);
    CB.announce(CB.fill(t.moved, { item: $(".item-text", item).textContent, n: items.indexOf(item) + 1, total: items.length }));
  }

  // ---- the end of a try, the results and retries
  function progress() {
    var finished = config.questions.every(answered);
    if (finished) {
      state.tries += 1;
      state.score = quiz.score();
    }
    quiz.render();
    (finished ? quiz.onFinish : quiz.onAnswer)();
  }

  quiz.finished = function () { return config.questions.length > 0 && config.questions.every(answered); };

  quiz.render = function () {
    var page = document.getElementById("results");
    if (!page) { return; }
    var done = config.questions.filter(answered).length, total = config.questions.length, all = done === total;
    $(".pending", page).hidden = all;
    $(".outcome", page).hidden = !all;
    if (!all) { $(".unanswered", page).textContent = CB.fill(t.unanswered, { n: done, total: total }); return; }
    var passed = state.score >= config.masteryScore, left = quiz.triesLeft(), verdict = $(".outcome > .verdict", page);
    verdict.textContent = passed ? t.passed : t.failed;
    verdict.className = "verdict " + (passed ? "right" : "wrong");
    $(".score-line", page).textContent = CB.fill(t.score_line, {
      score: state.score.toLocaleString(config.language, { maximumFractionDigits: 2 }), mastery: config.masteryScore
    });
    $(".tries", page).textContent = passed ? "" : !left ? t.no_tries_left :
      left === Infinity ? t.tries_unlimited : CB.fill(t.tries_left, { n: left });
    $(".retry", page).hidden = passed || !left;
    review($(".review", page));
  };

  // A copy of every question as answered: prompt, the learner's answer, verdict and feedback.
  function review(list) {
    list.textContent = "";
    config.questions.forEach(function (key) {
      var copy = section(key.id).cloneNode(true), item = add(list, "li");
      add(item, "h4", $("h2", copy).textContent);
      $$("h2, fieldset, button, [hidden], .reference", copy).forEach(function (el) { el.parentNode.removeChild(el); });
      $$("h3", copy).forEach(function (heading) {
        var label = document.createElement("p");
        label.className = "subhead";
        label.textContent = heading.textContent;
        heading.parentNode.replaceChild(label, heading);
      });
      $$("[id], [tabindex], [aria-describedby]", copy).forEach(function (el) {
        el.removeAttribute("id");
        el.removeAttribute("tabindex");
        el.removeAttribute("aria-describedby");
      });
      while (copy.firstChild) { item.appendChild(copy.firstChild); }
    });
  }

  quiz.retry = function () {
    state.answers = {};
    shownAt = {};
    config.questions.forEach(function (key) {
      var old = section(key.id);
      old.parentNode.replaceChild(pristine[key.id].cloneNode(true), old);
    });
    quiz.render();
    quiz.onRetry();
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
