/* The web format's home page: asks the learner's role, then shows their path (the modules that declare the
   role), their progress on it, and the other modules as optional (docs/tracking.md). Loaded after the first
   paint; without it the page lists every module. */
(function (CB) {
  "use strict";
  const config = CB.config = JSON.parse(document.getElementById("course-paths").textContent);
  const t = config.strings, root = document.querySelector(".paths"), form = root.querySelector(".role-form");
  const mine = root.querySelector(".my-path"), all = document.querySelector(".all-modules");
  const items = {};
  all.querySelectorAll("li[data-module]").forEach(li => { items[li.dataset.module] = li; });

  function moduleStatus(id) {
    const record = CB.store.load(CB.store.key({ courseId: config.courseId, moduleId: id }, "local"));
    return record.f ? "done" : typeof record.s === "string" ? "started" : "not_started";
  }

  function entry(id, optional) {
    const li = items[id].cloneNode(true);
    li.querySelector(".module-status").textContent = t["status_" + moduleStatus(id)] + (optional ? " · " + t.optional : "");
    return li;
  }

  function show(role) {
    const path = config.paths[role];
    root.hidden = false;
    form.hidden = all.hidden = !!path;
    mine.hidden = !path;
    if (!path) { return; }
    const required = path.modules.filter(id => !path.optional.includes(id));
    const done = required.filter(id => moduleStatus(id) === "done").length;
    mine.querySelector(".path-title").textContent = CB.fill(t.my_path, { role: path.label });
    mine.querySelector(".path-list").replaceChildren(...path.modules.map(id => entry(id, path.optional.includes(id))));
    const others = config.modules.filter(id => !path.modules.includes(id));
    mine.querySelector(".other-list").replaceChildren(...others.map(id => entry(id, false)));
    mine.querySelector(".other-modules").hidden = !others.length;
    const bar = mine.querySelector("progress");
    bar.max = required.length;
    bar.value = done;
    mine.querySelector(".path-progress-text").textContent = CB.fill(t.path_progress, { done, count: required.length });
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    const role = form.elements.role.value;
    if (!config.paths[role]) { return; }
    try { localStorage.setItem(CB.roleKey(config.courseId), role); } catch (e) { /* private mode: shown, not kept */ }
    show(role);
    mine.querySelector(".path-title").focus();
  });
  mine.querySelector(".role-change").addEventListener("click", () => {
    const current = form.querySelector(`input[value="${CB.learnerRole()}"]`);
    if (current) { current.checked = true; }
    form.hidden = false;
    mine.hidden = true;
    all.hidden = false;
    (current || form.querySelector("input")).focus();
  });
  window.addEventListener("pageshow", event => { if (event.persisted) { show(CB.learnerRole()); } }); // back from a module
  show(CB.learnerRole());
}(window.CoursePlayer = window.CoursePlayer || {}));
