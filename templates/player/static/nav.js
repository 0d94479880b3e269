/* Navigation: one step of the module at a time (lesson pages, quiz questions, results, reflections),
   the menu, previous/next, "Side n af N", and where focus goes after each move. */
(function (CB) {
  "use strict";
  var nav = CB.nav = { current: null, onStep: null, onFinish: null, resolve: null };
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : { matches: false };

  function $(selector) { return document.querySelector(selector); }
  function steps() { return [].slice.call(document.querySelectorAll("main > .step")); }

  CB.fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  };
  // Says something through the live region: feedback, moves, problems.
  CB.announce = function (text) {
    var region = $(".announcer");
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  };

  nav.init = function () {
    if (narrow.matches) { $(".menu details").open = false; }
    document.addEventListener("click", function (event) {
      var link = event.target.closest("[data-go]"), button = event.target.closest("button");
      if (link) {
        event.preventDefault();
        if (narrow.matches) { $(".menu details").open = false; }
        nav.go(link.getAttribute("data-go"), true);
      } else if (button && button.matches(".pager .prev, .pager .next")) {
        nav.step(button.classList.contains("prev") ? -1 : 1);
      } else if (button && button.matches(".pager .finish") && nav.onFinish) {
        nav.onFinish();
      }
    });
  };

  nav.go = function (id, focus) {
    var all = steps(), target = document.getElementById(nav.resolve ? nav.resolve(id) : id);
    if (all.indexOf(target) < 0) { target = all[0]; }
    var index = all.indexOf(target), pages = 0;
    all.forEach(function (step) {
      step.hidden = step !== target;
      pages = Math.max(pages, Number(step.getAttribute("data-page")));
    });
    nav.current = target.id;
    $(".pager .prev").disabled = index === 0;
    $(".pager .next").hidden = index === all.length - 1;
    $(".pager .finish").hidden = index !== all.length - 1;
    $(".progress").textContent = CB.fill(CB.config.strings.page_of, { n: target.getAttribute("data-page"), total: pages });
    [].forEach.call(document.querySelectorAll(".menu [data-go]"), function (link) {
      var go = link.getAttribute("data-go");
      if (go === target.id || (go === "quiz" && /^(q-|results$)/.test(target.id))) { link.setAttribute("aria-current", "page"); }
      else { link.removeAttribute("aria-current"); }
    });
    if (nav.onStep) { nav.onStep(target.id); }
    if (focus) {
      window.scrollTo(0, 0);
      target.querySelector("h2").focus();
    }
  };

  nav.step = function (delta) {
    var all = steps(), next = all[all.indexOf(document.getElementById(nav.current)) + delta];
    if (next) { nav.go(next.id, true); }
  };

  // Shows a short message at the top of the page (the module was updated, the learner has finished).
  nav.notice = function (text, focus) {
    var notice = $("main > .notice");
    notice.textContent = text;
    notice.hidden = false;
    if (focus) { notice.focus(); }
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
