/* Navigation: one step at a time (lesson pages, questions, results, reflections), the menu, previous/next,
   "Side n af N", and where the focus goes after each move. */
(function (CB) {
  "use strict";
  const nav = CB.nav = { idle: true };
  let waiting = null;

  // A move waits for the scripts that load after the first paint (the quiz); once they are there it is at once.
  nav.wait = promise => {
    nav.idle = false;
    waiting = promise.catch(error => console.error(error)).then(() => { waiting = null; nav.idle = true; });
  };
  nav.when = move => (waiting ? waiting.then(move) : move());
  const narrow = window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;

  const $ = selector => document.querySelector(selector);
  const steps = () => [...document.querySelectorAll("main > .step")];

  nav.init = () => {
    const menu = $(".menu details");
    menu.open = !narrow;
    document.addEventListener("click", event => {
      const link = event.target.closest("[data-go]"), button = event.target.closest(".pager button");
      if (link) {
        event.preventDefault();
        menu.open = !narrow;
        nav.when(() => nav.go(link.dataset.go, true));
      } else if (button) {
        nav.when(() => {
          if (button.matches(".finish")) { nav.onFinish(); } else { nav.step(button.matches(".prev") ? -1 : 1); }
        });
      }
    });
  };

  nav.go = (id, focus) => {
    const all = steps();
    let target = document.getElementById(nav.resolve(id)), index = all.indexOf(target), pages = 0;
    if (index < 0) { target = all[index = 0]; }
    all.forEach(step => {
      step.hidden = step !== target;
      pages = Math.max(pages, step.dataset.page);
    });
    nav.current = target.id;
    $(".pager .prev").disabled = !index;
    $(".pager .next").hidden = index === all.length - 1;
    $(".pager .finish").hidden = index < all.length - 1;
    $(".progress").textContent = CB.fill(CB.config.strings.page_of, { n: target.dataset.page, total: pages });
    document.querySelectorAll(".menu [data-go]").forEach(link => {
      const go = link.dataset.go;
      if (go === target.id || (go === "quiz" && /^(q-|results$)/.test(target.id))) { link.setAttribute("aria-current", "page"); }
      else { link.removeAttribute("aria-current"); }
    });
    nav.onStep(target.id);
    if (focus) {
      window.scrollTo(0, 0);
      $("#" + target.id + " h2").focus();
    }
  };

  nav.step = delta => {
    const all = steps(), next = all[all.indexOf(document.getElementById(nav.current)) + delta];
    if (next) { nav.go(next.id, true); }
  };

  nav.notice = (text, focus) => { // a short message above the steps: the module was updated, finished
    const notice = $("main > .notice");
    notice.textContent = text;
    notice.hidden = false;
    if (focus) { notice.focus(); }
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
