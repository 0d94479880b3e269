/* The preview shell: the module list, the SCO frame, the side panel, and the reload after each build. */
(function () {
  "use strict";
  var t = JSON.parse(document.getElementById("shell-strings").textContent);
  var frame = document.getElementById("sco");
  var stored = window.localStorage;
  var state = {
    learner: Number(document.body.getAttribute("data-learner")) || null,
    version: stored.getItem("preview:version") === "2004" ? "2004" : "1.2",
    mode: "normal",
    module: null,
    session: null,
    seenBuild: 0,
    goodBuild: 0
  };
  var LABELLED_FIELDS = ["status", "success", "entry", "state"];
  var wide = window.matchMedia("(min-width: 72.01rem)");  // three columns: the LMS data beside the module
  var phone = window.matchMedia("(max-width: 48rem)");  // one column: the module list and the LMS data over it
  var runtime = null;
  var panelTimer = null;
  var stateTimer = null;

  // ---------------------------------------------------------------- requests

  function send(method, url, body, done, failed) {
    var request = new XMLHttpRequest();
    request.open(method, url, true);
    if (body !== undefined) { request.setRequestHeader("Content-Type", "application/json"); }
    request.onload = function () {
      var value = null;
      try { value = JSON.parse(request.responseText); } catch (e) { value = null; }
      if (request.status === 200) { done(value); return; }
      if (window.console) { window.console.warn("preview:", url, request.status, value && value.error); }
      if (failed) { failed(); }
    };
    request.onerror = function () {
      showServerGone();
      if (failed) { failed(); }
    };
    request.send(body === undefined ? null : JSON.stringify(body));
  }

  function postNow(url, body) {
    var request = new XMLHttpRequest();
    request.open("POST", url, false);
    request.setRequestHeader("Content-Type", "application/json");
    request.send(JSON.stringify(body));
    if (request.status !== 200) { throw new Error(request.responseText); }
    return JSON.parse(request.responseText);
  }

  function launchBody() {
    return { learner: state.learner, module: state.module, version: state.version, mode: state.mode };
  }

  // ---------------------------------------------------------------- the module list

  function refreshState() {
    var query = "?version=" + encodeURIComponent(state.version) + (state.learner ? "&learner=" + state.learner : "");
    send("GET", "/api/state" + query, undefined, renderState);
  }

  function renderState(value) {
    state.learner = value.learner.id;
    var select = document.getElementById("learner");
    select.textContent = "";
    value.learners.forEach(function (learner) {
      var option = document.createElement("option");
      option.value = String(learner.id);
      option.textContent = learner.name;
      option.selected = learner.id === state.learner;
      select.appendChild(option);
    });
    renderModules(value.modules);
    renderBuild(value.build);
  }

  function renderModules(modules) {
    var list = document.getElementById("module-list");
    list.textContent = "";
    modules.forEach(function (module) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "module";
      button.setAttribute("data-module", module.id);
      if (module.id === state.module) { button.setAttribute("aria-current", "true"); }
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = module.title;
      var status = document.createElement("span");
      status.className = "status status-" + module.status.replace(/\s+/g, "-");
      status.setAttribute("data-status", module.status);
      status.textContent = label(module.status) + (module.success && module.success !== "unknown" ? " · " + label(module.success) : "") +
        (module.score !== "" ? " · " + module.score : "");
      button.appendChild(title);
      button.appendChild(status);
      button.addEventListener("click", function () {
        if (phone.matches) { showView("modules", false); }  // the module, not the list, takes the screen
        launch(module.id);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- launching

  function makeRuntime() {
    runtime = window.PreviewRuntime.create({
      version: state.version,
      frame: frame,
      relaunch: function () {
        var launched = postNow("/api/launch", launchBody());
        useSession(launched.session);
        return launched;
      },
      onCall: function (launched, method) {
        if (launched) { useSession(launched.session); }
        schedulePanel();
        if (/Commit$|Finish$|Terminate$/.test(method)) { scheduleState(); }
      }
    });
    window.PreviewRuntime.install(runtime, state.version);
  }

  function launch(moduleId) {
    state.module = moduleId;
    send("POST", "/api/launch", launchBody(), function (launched) {
      runtime.expect(launched);
      useSession(launched.session);
      document.getElementById("placeholder").hidden = true;
      frame.hidden = false;
      frame.src = launched.url;
      refreshPanel();
      refreshState();
    });
  }

  /* The session the panel follows: the newest launch. */
  function useSession(session) {
    state.session = session;
    document.getElementById("panel").setAttribute("data-session", session);
  }

  function relaunchCurrent() {
    if (state.module) { launch(state.module); }
  }

  // ---------------------------------------------------------------- the side panel

  function schedulePanel() {
    if (panelTimer) { return; }
    panelTimer = window.setTimeout(function () { panelTimer = null; refreshPanel(); }, 60);
  }

  function scheduleState() {
    if (stateTimer) { return; }
    stateTimer = window.setTimeout(function () { stateTimer = null; refreshState(); }, 120);
  }

  function refreshPanel() {
    if (!state.session) { return; }
    send("GET", "/api/sessions/" + state.session, undefined, renderPanel);
  }

  /* A value of the SCORM data model in the shell's language (the value itself stays in data-value). */
  function label(value) {
    var text = t["value_" + String(value).replace(/[\s-]+/g, "_")];
    return text === undefined ? String(value) : text;
  }

  function term(list, name, shown, className, value) {
    var dt = document.createElement("dt");
    dt.textContent = name;
    var dd = document.createElement("dd");
    dd.className = className;
    dd.textContent = shown === "" ? "–" : shown;
    dd.setAttribute("data-value", value === undefined ? shown : value);
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function renderPanel(panel) {
    if (panel.session !== state.session) { return; }
    document.getElementById("panel-empty").hidden = true;
    document.getElementById("panel-body").hidden = false;
    var summary = panel.summary;
    summary.state = panel.state;
    summary.attempt = String(panel.attempt);
    [].forEach.call(document.querySelectorAll("#panel [data-field]"), function (field) {
      var value = summary[field.getAttribute("data-field")];
      var shown = value === undefined || value === "" ? "–" : String(value);
      field.textContent = LABELLED_FIELDS.indexOf(field.getAttribute("data-field")) >= 0 ? label(shown) : shown;
      field.setAttribute("data-value", value === undefined ? "" : String(value));
    });
    var list = document.getElementById("interactions");
    list.textContent = "";
    summary.interactions.forEach(function (interaction) {
      var item = document.createElement("li");
      item.setAttribute("data-interaction", interaction.id);
      var id = document.createElement("p");
      id.className = "interaction-id code";
      id.textContent = interaction.id;
      var fields = document.createElement("dl");
      fields.className = "interaction";
      term(fields, t.interaction_type, label(interaction.type), "type", interaction.type);
      term(fields, t.response, interaction.response, "response code");
      term(fields, t.correct_response, interaction.correct.join(" | "), "correct code");
      term(fields, t.result, label(interaction.result), "result", interaction.result);
      item.appendChild(id);
      item.appendChild(fields);
      list.appendChild(item);
    });
    document.getElementById("no-interactions").hidden = summary.interactions.length > 0;
    var notes = document.getElementById("notes");
    notes.textContent = "";
    panel.notes.forEach(function (note) {
      var item = document.createElement("li");
      item.textContent = note;
      notes.appendChild(item);
    });
    document.getElementById("notes-section").hidden = panel.notes.length === 0;
    renderCalls(panel.calls);
    var values = document.getElementById("values");
    values.textContent = "";
    panel.values.forEach(function (entry) {
      var row = document.createElement("tr");
      row.setAttribute("data-element", entry.element);
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = entry.element;
      row.appendChild(name);
      cell(row, entry.value.length > 200 ? entry.value.slice(0, 200) + "…" : entry.value);
      cell(row, entry.committed ? "" : t.not_committed, "uncommitted");
      values.appendChild(row);
    });
  }

  /* Machine text that may wrap after each dot or comma (cmi.interactions.0.id), not inside a name. */
  function breakable(element, text) {
    (text.match(/[^.,]+[.,]?|[.,]/g) || []).forEach(function (part, index) {
      if (index > 0) { element.appendChild(document.createElement("wbr")); }
      element.appendChild(document.createTextNode(part));
    });
  }

  function renderCalls(calls) {
    var list = document.getElementById("calls");
    list.textContent = "";
    calls.slice(-40).reverse().forEach(function (call) {
      var item = document.createElement("li");
      if (call.error !== 0) { item.className = "failed"; }
      var shown = call.arguments.map(function (a) { return a.length > 60 ? JSON.stringify(a.slice(0, 60) + "…") : JSON.stringify(a); });
      breakable(item, call.method + "(" + shown.join(", ") + ") → " + JSON.stringify(call.result) +
        (call.error !== 0 ? "  [" + call.error + "] " + call.diagnostic : ""));
      list.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- builds

  function renderBuild(build) {
    var box = document.getElementById("build-problems");
    var errors = build.problems.filter(function (p) { return !/^warning: |: warning: /.test(p); });
    var shown = build.ok ? build.problems : errors.concat(build.problems.filter(function (p) { return errors.indexOf(p) < 0; }));
    box.hidden = shown.length === 0;
    box.className = "problems" + (build.ok ? " warnings" : "");
    box.querySelector(".lead").textContent = build.ok ? t.build_warnings : (build.good ? t.build_failed : t.no_build);
    var list = box.querySelector("ul");
    list.textContent = "";
    shown.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    if (build.ok) { document.getElementById("build-time").textContent = t.built.replace("{ms}", String(build.milliseconds)); }
    document.body.setAttribute("data-build", String(build.good));
  }

  function watchBuilds() {
    send("GET", "/api/build?since=" + state.seenBuild, undefined, function (build) {
      if (state.serverGone) { window.location.reload(); return; }  // the preview was started again
      var reload = build.good !== state.goodBuild && state.goodBuild !== 0;
      state.seenBuild = build.number;
      state.goodBuild = build.good;
      renderBuild(build);
      if (reload) {
        reloadModule();
        refreshState();
      }
      watchBuilds();
    }, function () { window.setTimeout(watchBuilds, 2000); });
  }

  /* A new build: the open module's page is loaded again where it was; its next call starts a new launch. */
  function reloadModule() {
    if (frame.hidden || !frame.contentWindow) { return; }
    try { frame.contentWindow.location.reload(); } catch (e) { frame.src = frame.src; }
  }

  function showServerGone() {
    state.serverGone = true;
    var box = document.getElementById("build-problems");
    box.hidden = false;
    box.className = "problems";
    box.querySelector(".lead").textContent = t.server_gone;
    box.querySelector("ul").textContent = "";
  }

  // ---------------------------------------------------------------- the views: module list and LMS data

  /* Opens or closes a view; on a phone, where a view covers the module, only one is open at a time. */
  function showView(name, open) {
    document.getElementById(name).hidden = !open;
    document.getElementById("toggle-" + name).setAttribute("aria-expanded", open ? "true" : "false");
    document.body.setAttribute("data-" + name, open ? "open" : "closed");
    if (open && phone.matches) { showView(name === "modules" ? "panel" : "modules", false); }
  }

  function coversModule(name) {
    return phone.matches || (name === "panel" && !wide.matches);
  }

  ["modules", "panel"].forEach(function (name) {
    var toggle = document.getElementById("toggle-" + name);
    var view = document.getElementById(name);
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      showView(name, open);
      if (open && coversModule(name)) { view.querySelector("h2").focus(); }
    });
    view.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && coversModule(name)) {
        showView(name, false);
        toggle.focus();
      }
    });
  });

  function fitViews() {
    showView("panel", wide.matches);
    showView("modules", !(phone.matches && state.module));
  }
  [wide, phone].forEach(function (query) {
    if (query.addEventListener) { query.addEventListener("change", fitViews); } else { query.addListener(fitViews); }
  });

  // ---------------------------------------------------------------- controls

  document.getElementById("learner").addEventListener("change", function (event) {
    state.learner = Number(event.target.value);
    refreshState();
    relaunchCurrent();
  });
  document.getElementById("new-learner").addEventListener("click", function () {
    send("POST", "/api/learners", {}, function (learner) {
      state.learner = learner.id;
      refreshState();
      relaunchCurrent();
    });
  });
  [].forEach.call(document.querySelectorAll("input[name=version]"), function (radio) {
    radio.checked = radio.value === state.version;
    radio.addEventListener("change", function () {
      state.version = radio.value;
      stored.setItem("preview:version", state.version);
      makeRuntime();
      refreshState();
      relaunchCurrent();
    });
  });
  document.getElementById("mode").addEventListener("change", function (event) {
    state.mode = event.target.value;
    relaunchCurrent();
  });
  document.getElementById("reset-attempt").addEventListener("click", function () {
    if (!state.module) { return; }
    send("POST", "/api/reset", launchBody(), function () { relaunchCurrent(); });
  });

  fitViews();
  makeRuntime();
  refreshState();
  watchBuilds();
}());
