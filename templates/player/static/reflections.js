/* Reflections: text boxes whose answers are kept, who can read them, the limit shown as the learner
   types (a text is never cut silently), and the page that gathers them to print or save. */
(function (CB) {
  "use strict";
  var reflections = CB.reflections = { onChange: null };
  var texts = {}, timers = {}, t;

  function boxes() { return [].slice.call(document.querySelectorAll(".reflection")); }

  // where: "lms" (sent to the LMS), "device" (course setting: this device only), "local" (no LMS found)
  reflections.init = function (config, saved, where, limit) {
    t = config.strings;
    texts = saved || {};
    boxes().forEach(function (box) {
      var id = box.getAttribute("data-reflection"), area = box.querySelector("textarea");
      area.maxLength = limit;
      area.value = texts[id] || "";
      box.querySelector(".reflection-notice").textContent = t["reflection_notice_" + where];
      count(box, limit);
      area.addEventListener("input", function () {
        texts[id] = area.value;
        count(box, limit);
        clearTimeout(timers[id]);
        timers[id] = setTimeout(function () { reflections.onChange(texts); }, 1500);
      });
      area.addEventListener("change", function () {
        clearTimeout(timers[id]);
        reflections.onChange(texts);
      });
    });
    var print = document.querySelector(".my-reflections .print");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
  };

  function count(box, limit) {
    var used = box.querySelector("textarea").value.length, counter = box.querySelector(".reflection-count");
    counter.textContent = CB.fill(t.reflection_limit, { used: used, max: limit });
    counter.classList.toggle("full", used >= limit);
  }

  reflections.texts = function () { return texts; };

  // Fills the "My reflections" page with what the learner has written.
  reflections.render = function () {
    [].forEach.call(document.querySelectorAll(".reflection-copy"), function (copy) {
      var text = texts[copy.getAttribute("data-reflection")], out = copy.querySelector(".reflection-text");
      out.textContent = text || t.not_answered_yet;
      out.classList.toggle("empty", !text);
    });
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
