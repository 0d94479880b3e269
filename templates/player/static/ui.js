/* What every part of the player's interface shares: filling a string's {placeholders}, the live region, and the
   learner's role (chosen on the web format's home page; docs/tracking.md). */
(function (CB) {
  "use strict";
  CB.fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => name in values ? values[name] : all);
  CB.announce = text => { // through the live region; emptied first so a repeated text is read again
    const region = document.querySelector(".announcer");
    region.textContent = "";
    setTimeout(() => { region.textContent = text; }, 50);
  };
  CB.roleKey = courseId => "course-player:" + courseId + ":role";
  CB.learnerRole = () => { // the role id the learner chose for this course, or null
    const courseId = (CB.config || {}).courseId;
    try { return courseId ? localStorage.getItem(CB.roleKey(courseId)) : null; } catch (e) { return null; }
  };
}(window.CoursePlayer = window.CoursePlayer || {}));
