/* The course player: pages, quiz and reflections of one module. Plain script, works from file://. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("player-config").textContent);
  var t = config.strings;
  var storageKey = "course-builder:" + config.courseId + ":" + config.moduleId;
  var state = load();
  var pageIds = config.pages.concat(config.questions.length ? ["quiz"] : []).concat(config.reflectionIds.length ? ["reflections"] : []);

  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey)) || { page: config.pages[0], answers: {}, reflections: {} }; }
    catch (e) { return { page: config.pages[0], answers: {}, reflections: {} }; }
  }
  function save() { try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function format(text, values) { return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  function announce(text) { document.querySelector(".announcer").textContent = text; }

  function show(pageId, focus) {
    if (pageIds.indexOf(pageId) < 0) { pageId = pageIds[0]; }
    state.page = pageId; save();
    var sections = document.querySelectorAll("main > .page");
    for (var i = 0; i < sections.length; i++) { sections[i].hidden = sections[i].id !== pageId; }
    var links = document.querySelectorAll(".menu a");
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("data-page") === pageId) { links[j].setAttribute("aria-current", "page"); }
      else { links[j].removeAttribute("aria-current"); }
    }
    var index = pageIds.indexOf(pageId);
    document.querySelector(".prev").disabled = index === 0;
    document.querySelector(".next").disabled = index === pageIds.length - 1;
    document.querySelector(".progress").textContent = format(t.page_of, { n: index + 1, total: pageIds.length });
    if (pageId === "reflections") { listReflections(); }
    if (focus) { var heading = document.getElementById(pageId + "-h"); if (heading) { heading.focus(); } window.scrollTo(0, 0); }
  }

  function step(delta) { show(pageIds[pageIds.indexOf(state.page) + delta], true); }

  function checkChoice(fieldset, key) {
    var chosen = [].map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
    if (!chosen.length) { return null; }
    [].forEach.call(fieldset.querySelectorAll(".option-feedback"), function (f) {
      f.hidden = chosen.indexOf(f.getAttribute("data-option")) < 0;
    });
    var right = chosen.length === key.correct.length && chosen.every(function (c) { return key.correct.indexOf(c) >= 0; });
    return { response: chosen, correct: right };
  }

  function check(fieldset) {
    var key = config.questions.filter(function (q) { return q.id === fieldset.getAttribute("data-question"); })[0];
    var result = null;
    if (key.type === "single" || key.type === "multiple") { result = checkChoice(fieldset, key); }
    else if (key.type === "truefalse") {
      var picked = fieldset.querySelector("input:checked");
      if (picked) { result = { response: picked.value, correct: (picked.value === "true") === key.correct }; }
    } else if (key.type === "matching") {
      var selects = fieldset.querySelectorAll("select");
      var matched = [].map.call(selects, function (s) { return [s.getAttribute("data-pair"), s.value]; });
      if (matched.every(function (m) { return m[1]; })) {
        result = { response: matched, correct: matched.every(function (m) { return m[0] === m[1]; }) };
      }
    } else if (key.type === "ordering") {
      var order = [].map.call(fieldset.querySelectorAll(".ordering li"), function (li) { return li.getAttribute("data-item"); });
      result = { response: order, correct: order.join() === key.order.join() };
    }
    if (!result) { return; }
    state.answers[key.id] = result; save();
    var verdict = fieldset.querySelector(".verdict");
    verdict.textContent = result.correct ? t.correct : t.incorrect;
    verdict.className = "verdict " + (result.correct ? "right" : "wrong");
    [].forEach.call(fieldset.querySelectorAll("[data-result]"), function (f) {
      f.hidden = f.getAttribute("data-result") !== (result.correct ? "correct" : "incorrect");
    });
    announce(verdict.textContent);
  }

  function listReflections() {
    var list = document.querySelector(".reflection-list");
    list.textContent = "";
    [].forEach.call(document.querySelectorAll("section.reflection"), function (r) {
      var h = document.createElement("h3"); h.textContent = r.querySelector(".reflection-prompt").textContent;
      var p = document.createElement("p"); p.textContent = r.querySelector("textarea").value || "–";
      list.appendChild(h); list.appendChild(p);
    });
  }

  document.querySelector(".prev").addEventListener("click", function () { step(-1); });
  document.querySelector(".next").addEventListener("click", function () { step(1); });
  document.querySelector(".menu").addEventListener("click", function (event) {
    var id = event.target.getAttribute("data-page");
    if (id) { event.preventDefault(); show(id, true); }
  });
  [].forEach.call(document.querySelectorAll(".question .check"), function (button) {
    button.addEventListener("click", function () { check(button.closest(".question")); });
  });
  [].forEach.call(document.querySelectorAll(".ordering .move"), function (button) {
    button.addEventListener("click", function () {
      var li = button.closest("li"), delta = Number(button.getAttribute("data-move"));
      var sibling = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (sibling) { li.parentNode.insertBefore(li, delta < 0 ? sibling : sibling.nextSibling); button.focus(); }
    });
  });
  [].forEach.call(document.querySelectorAll("section.reflection textarea"), function (area) {
    var id = area.closest(".reflection").getAttribute("data-reflection");
    area.value = state.reflections[id] || "";
    area.closest(".reflection").querySelector(".reflection-notice").textContent =
      config.reflections === "device" ? t.reflection_notice_device : t.standalone;
    area.addEventListener("input", function () { state.reflections[id] = area.value; save(); });
  });
  var printButton = document.querySelector(".print");
  if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }
  var home = document.querySelector(".home-link");  // only the web format has a course home
  if (home) { home.hidden = false; }
  document.querySelector(".status-note").textContent = "· " + t.standalone;
  show(state.page, false);
}());
