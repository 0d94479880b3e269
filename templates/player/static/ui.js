/* What every part of the player's interface shares: filling a string's {placeholders}, the live region. */
(function (CB) {
  "use strict";
  CB.fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => name in values ? values[name] : all);
  CB.announce = text => { // through the live region; emptied first so a repeated text is read again
    const region = document.querySelector(".announcer");
    region.textContent = "";
    setTimeout(() => { region.textContent = text; }, 50);
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
