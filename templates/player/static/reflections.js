/* Reflections: text boxes whose answers are kept, who can read them (said before the learner writes), the
   choice to keep one on this device only, the limit shown as the learner types (a text is never cut
   silently), and the page gathering them to print or save. */
(function (CB) {
  "use strict";
  const reflections = CB.reflections = {}, timers = {}, SETTLE = 400; // ms
  let texts = {}, settled = {}, kept = {}, t;

  // where: "lms" (sent to the LMS), "device" (course setting: this device only), "local" (no LMS);
  // private: ids the learner keeps on this device although the course sends reflections to the LMS
  reflections.init = (config, saved, where, limit, privateIds) => {
    t = config.strings;
    texts = saved;
    settled = Object.assign({}, saved);
    (privateIds || []).forEach(id => { kept[id] = true; });
    document.querySelectorAll(".reflection").forEach(box => {
      const id = box.dataset.reflection, area = box.querySelector("textarea"), own = box.querySelector(".reflection-private");
      function count() {
        const counter = box.querySelector(".reflection-count");
        counter.textContent = CB.fill(t.reflection_limit, { used: area.value.length, max: limit });
        counter.classList.toggle("full", area.value.length >= limit);
      }
      // settle: the learner left the box or changed who can read it (an LMS may get this text now); typing
      // only keeps the browser's copy
      function changed(wait, settle) {
        clearTimeout(timers[id]);
        timers[id] = setTimeout(() => {
          if (settle) { settled[id] = texts[id] || ""; }
          reflections.onChange(settle);
        }, wait);
      }
      function notice() {
        box.querySelector(".reflection-notice").textContent = t["reflection_notice_" + (kept[id] ? "private" : where)];
      }
      area.maxLength = limit;
      area.value = texts[id] || "";
      const check = own.querySelector("input");
      if (where === "lms") {
        own.hidden = false;
        check.checked = !!kept[id];
        check.addEventListener("change", () => { kept[id] = check.checked; notice(); changed(0, true); });
        check.addEventListener("focusout", () => changed(0, true));
      }
      notice();
      count();
      area.addEventListener("input", () => { texts[id] = area.value; count(); changed(1500, false); });
      // Leaving the box settles the text, unless the learner goes to its private choice (which then decides);
      // the short wait lets a click on that choice's label come first.
      area.addEventListener("focusout", event => { if (event.relatedTarget !== check) { changed(SETTLE, true); } });
    });
    const print = document.querySelector(".my-reflections .print");
    if (print) { print.addEventListener("click", () => window.print()); }
  };

  reflections.texts = () => texts;
  reflections.settled = () => settled; // each text as it was when the learner last left its box
  reflections.settle = () => { settled = Object.assign({}, texts); }; // the learner left the page
  reflections.kept = () => Object.keys(kept).filter(id => kept[id]); // on this device only

  reflections.render = () => { // the "My reflections" page
    document.querySelectorAll(".reflection-copy").forEach(copy => {
      const text = texts[copy.dataset.reflection], out = copy.querySelector(".reflection-text");
      out.textContent = text || t.not_answered_yet;
      out.classList.toggle("empty", !text);
    });
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
