  // run() once the first contentful paint is on the screen, so that nothing competes with it; a hidden page: at once
  function afterFirstPaint(run) {
    var done = false, types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes || [];
    function once() {
      if (!done) { done = true; run(); }
    }
    if (document.hidden) { once(); return; }
    if (types.indexOf("paint") >= 0) {
      new PerformanceObserver(function (list, observer) {
        if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); once(); }
      }).observe({ type: "paint", buffered: true });
    } else { requestAnimationFrame(function () { setTimeout(once); }); }
    setTimeout(once, 1000); // should no paint be reported (the page hidden meanwhile)
  }
