/* A stand-in LMS for the player's tests: hosts scorm-again's API (1.2 or 2004) for one SCO in an iframe,
   logs every call the SCO makes, injects faults, and relaunches the SCO the way an LMS does: it keeps what
   the attempt stored and sets entry to "resume" after an exit of "suspend".
   URL: index.html?version=1.2|2004&sco=<module-id>/index.html[&learner=…&mastery=…&passing=…&comments=append]
   comments=append: 1.2's cmi.comments grows by every value set, as Moodle's player does it
   (mod/scorm/datamodels/scorm_12.js, LMSSetValue: `cmi.comments = cmi.comments + value`); scorm-again replaces it. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var version = params.get("version"), sco = params.get("sco");
  var v12 = version === "1.2";
  var appendComments = v12 && params.get("comments") === "append";
  var NAMES = v12
    ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"];
  var ERROR = NAMES[5];
  // fault: null | "set" (SetValue answers false) | "commit" (Commit answers false) | "vanish" (every call throws)
  var h = window.harness = { version: version, calls: [], launches: 0, fault: null, api: null, ready: false };
  var forcedError = null;

  function create(data) {
    var settings = { lmsCommitUrl: false, autocommit: false, logLevel: 5 };
    var api = v12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    if (data) { api.loadFromJSON(data); }
    h.api = api;
    var wrapper = {};
    NAMES.forEach(function (name) {
      wrapper[name] = function () {
        var args = [].slice.call(arguments), result;
        if (h.fault === "vanish") {
          h.calls.push({ fn: name, args: args, ret: "throw", err: "", launch: h.launches, t: Date.now() });
          throw new TypeError("the LMS API is gone");
        }
        if (name === ERROR && forcedError) {
          result = forcedError;
        } else if ((h.fault === "set" && name === NAMES[3]) || (h.fault === "commit" && name === NAMES[4])) {
          result = "false";
          forcedError = v12 ? "101" : (name === NAMES[4] ? "391" : "351");
        } else {
          var before = appendComments ? api.cmi.comments : "";
          if (name !== ERROR && name !== NAMES[6] && name !== NAMES[7]) { forcedError = null; }
          result = api[name].apply(api, args);
          if (appendComments && name === NAMES[3] && args[0] === "cmi.comments" && String(result) === "true") {
            api.cmi._comments = before + args[1]; // Moodle checks the value set (CMIString4096), not the sum
          }
        }
        if (name !== ERROR && name !== NAMES[6] && name !== NAMES[7]) {
          h.calls.push({ fn: name, args: args, ret: String(result), err: String(forcedError || api[ERROR]()), launch: h.launches, t: Date.now() });
        }
        return result;
      };
    });
    window[v12 ? "API" : "API_1484_11"] = wrapper;
  }

  function launch() {
    h.launches += 1;
    h.ready = false;
    document.getElementById("sco").src = "../" + sco;
  }

  // What an LMS keeps from an attempt and gives back at the next launch.
  function kept() {
    var cmi = JSON.parse(JSON.stringify(h.api.renderCMIToJSONObject().cmi));
    if (v12) {
      cmi.core.entry = cmi.core.exit === "suspend" ? "resume" : "";
      delete cmi.core.exit;
      delete cmi.core.session_time;
    } else {
      cmi.entry = cmi.exit === "suspend" ? "resume" : "";
      ["exit", "session_time", "total_time", "completion_threshold", "credit", "mode", "launch_data",
        "max_time_allowed", "time_limit_action", "scaled_passing_score"].forEach(function (k) { delete cmi[k]; });
    }
    return cmi;
  }

  // overrides: values to change in what the LMS kept (top-level keys of cmi); next: another SCO path to launch
  h.relaunch = function (overrides, next) {
    var frame = document.getElementById("sco");
    return new Promise(function (resolve) {
      frame.onload = function () {
        frame.onload = null;
        var data = kept();
        Object.keys(overrides || {}).forEach(function (k) { data[k] = overrides[k]; });
        create(data);
        if (next) { sco = next; }
        launch();
        resolve(data);
      };
      frame.src = "about:blank";  // the SCO sees pagehide, as when the LMS closes it
    });
  };
  // The launch: learner=<name>, mastery=<1.2 mastery score> (80 unless given), passing=<2004 scaled passing score>
  var learner = params.get("learner") || "Learner, Test";
  var mastery = params.has("mastery") ? params.get("mastery") : "80";
  var passing = params.get("passing") || "";
  function fresh() {
    create(v12 ? { core: { student_id: "learner-1", student_name: learner, lesson_mode: "normal", credit: "credit", entry: "ab-initio" },
                   student_data: { mastery_score: mastery } }
      : { learner_id: "learner-1", learner_name: learner, entry: "ab-initio", scaled_passing_score: passing });
  }

  // A first launch of another SCO, for a learner who has not started it.
  h.launchNew = function (next) {
    return h.close().then(function () {
      h.calls = [];
      fresh();
      sco = next;
      launch();
    });
  };
  // Closes the SCO and offers a fresh API, for a SCO launched some other way (a popup, nested frames).
  h.reset = function () { return h.close().then(fresh); };
  h.close = function () {
    var frame = document.getElementById("sco");
    return new Promise(function (resolve) {
      frame.onload = function () { frame.onload = null; resolve(); };
      frame.src = "about:blank";
    });
  };
  h.inject = function (fault) { h.fault = fault; };
  h.heal = function () { h.fault = null; forcedError = null; };
  h.cmi = function () { return h.api.renderCMIToJSONObject().cmi; };
  // The raw values the SCO set, element by element, in order (scorm-again may normalise what it stores).
  h.sets = function (element) {
    return h.calls.filter(function (c) { return c.fn === NAMES[3] && c.ret === "true" && (!element || c.args[0] === element); })
      .map(function (c) { return c.args; });
  };
  h.count = function (fn) { return h.calls.filter(function (c) { return c.fn === fn; }).length; };

  var script = document.createElement("script");
  script.src = "/__npm__/scorm-again/dist/" + (v12 ? "scorm12.min.js" : "scorm2004.min.js");
  script.onload = function () {
    fresh();
    launch();
  };
  document.head.appendChild(script);
}());
