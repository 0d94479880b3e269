/* Reflections: text boxes whose answers are kept, who can read them, the limit shown as the learner types
   (a text is never cut silently), and the page gathering them to print or save. */
(function (CB) {
  "use strict";
  const reflections = CB.reflections = {}, timers = {};
  let texts = {}, t;

  // where: "lms" (sent to the LMS), "device" (course setting: this device only), "local" (no LMS)
  reflections.init = (config, saved, where, limit) => {
    t = config.strings;
    texts = saved;
    document.querySelectorAll(".reflection").forEach(box => {
      const id = box.dataset.reflection, area = box.querySelector("textarea");
      function count() {
        const counter = box.querySelector(".reflection-count");
        counter.textContent = CB.fill(t.reflection_limit, { used: area.value.length, max: limit });
        counter.classList.toggle("full", area.value.length >= limit);
      }
      function changed(wait) {
        clearTimeout(timers[id]);
        timers[id] = setTimeout(() => reflections.onChange(), wait);
      }
      area.maxLength = limit;
      area.value = texts[id] || "";
      box.querySelector(".reflection-notice").textContent = t["reflection_notice_" + where];
      count();
      area.addEventListener("input", () => { texts[id] = area.value; count(); changed(1500); });
      area.addEventListener("change", () => changed(0));
    });
    const print = document.querySelector(".my-reflections .print");
    if (print) { print.addEventListener("click", () => window.print()); }
  };

  reflections.texts = () => texts;

  reflections.render = () => { // the "My reflections" page
    document.querySelectorAll(".reflection-copy").forEach(copy => {
      const text = texts[copy.dataset.reflection], out = copy.querySelector(".reflection-text");
      out.textContent = text || t.not_answered_yet;
      out.classList.toggle("empty", !text);
    });
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
