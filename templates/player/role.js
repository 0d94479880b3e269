/* "Min lederrolle": the learner's role (the course's role choice, else chosen here), that role's statements
   and questions, and the learner's reflections as this browser keeps them (docs/tracking.md). */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("role-config").textContent), t = config.strings;
  const params = new URLSearchParams(window.location.hash.slice(1));
  const learner = params.get("learner") || "local", roleKey = "course-player:" + config.courseId + ":role";
  const $$ = selector => [...document.querySelectorAll(selector)];

  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function learnerRole() { // the course's choice (CoursePlayer.learnerRole) when a script of the course offers it
    const CB = window.CoursePlayer;
    if (CB && CB.learnerRole) { return CB.learnerRole(); }
    const saved = read(roleKey);
    try { return JSON.parse(saved); } catch (e) { return saved; }
  }

  function showRole(role) {
    $$("[data-role]").forEach(part => { part.hidden = part.dataset.role !== role; });
    const choice = document.getElementById("role-choice");
    choice.value = role || "";
    document.querySelector(".role-name").textContent = role ? choice.selectedOptions[0].textContent : "";
  }

  function showReflections() {
    let shown = 0;
    const records = {};
    config.modules.forEach(id => {
      try { records[id] = JSON.parse(read(["course-player", config.courseId, id, learner].join(":"))) || {}; }
      catch (e) { records[id] = {}; }
    });
    $$(".role-reflection").forEach(box => {
      const record = records[box.dataset.module], text = (record.r || {})[box.dataset.reflection];
      box.hidden = !text;
      box.querySelector(".reflection-text").textContent = text || "";
      box.querySelector(".private-mark").hidden = !(record.p || []).includes(box.dataset.reflection);
      if (text) { shown++; }
    });
    document.querySelector(".no-reflections").hidden = shown > 0;
    document.querySelector(".scope").textContent = params.get("scope") === "module" ? t.scope_module : t.scope_all;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const choice = document.getElementById("role-choice");
    showRole(learnerRole());
    choice.addEventListener("change", () => {
      try { localStorage.setItem(roleKey, choice.value); } catch (e) { /* private mode */ }
      showRole(choice.value);
    });
    showReflections();
    document.querySelector(".print").addEventListener("click", () => window.print());
  });
}());
