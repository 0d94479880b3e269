/* The SCORM run-time API the preview shell hands a SCO (window.API for 1.2, window.API_1484_11 for 2004).
   A thin forwarder: every call goes to the preview server, which checks it against the spec and stores
   the data. Calls are synchronous XHR because SCORM API functions return their answer at once.
   Each document loaded in the SCO frame gets its own session, so a reload or a new module starts a
   new launch while the old page's unload calls (LMSFinish / Terminate) still reach the old one. */
(function () {
  "use strict";

  var FUNCTIONS = {
    "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
            "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
    "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
             "GetLastError", "GetErrorString", "GetDiagnostic"]
  };
  var LOCAL = { GetLastError: "error", GetErrorString: "string", GetDiagnostic: "diagnostic" };
  var KEPT_DOCUMENTS = 20;

  function postNow(url, body) {
    var request = new XMLHttpRequest();
    request.open("POST", url, false);
    request.setRequestHeader("Content-Type", "application/json");
    request.send(JSON.stringify(body));
    if (request.status !== 200) {
      throw new Error(request.status + " " + request.responseText);
    }
    return JSON.parse(request.responseText);
  }

  /* options: version ("1.2" | "2004"), frame (the SCO's iframe), relaunch() → a launch made now,
     onCall(launch, method, args, answer) after every call. */
  function RuntimeApi(options) {
    var routes = [];  // {document, launch}: which session each SCO document talks to
    var pending = null;  // the launch the next new document gets
    var lastError = "0";
    var lastDiagnostic = "";
    var errors = {};
    var api = {};

    function currentDocument() {
      try { return options.frame.contentDocument; } catch (e) { return null; }
    }

    function launchFor(doc) {
      for (var i = 0; i < routes.length; i++) {
        if (routes[i].document === doc) { return routes[i].launch; }
      }
      var launch = pending || options.relaunch();
      pending = null;
      errors = launch.errors;
      routes.push({ document: doc, launch: launch });
      routes = routes.slice(-KEPT_DOCUMENTS);
      return launch;
    }

    function answerLocally(kind, code) {
      if (kind === "error") { return lastError; }
      if (kind === "string") { return errors[String(code)] || ""; }
      if (!code || String(code) === lastError) { return lastDiagnostic || errors[lastError] || ""; }
      return errors[String(code)] || "";
    }

    function forward(method, args) {
      var functionName = method.replace(/^LMS/, "");
      if (LOCAL[functionName]) { return answerLocally(LOCAL[functionName], args[0]); }
      var launch = null;
      var answer;
      try {
        launch = launchFor(currentDocument());
        answer = postNow("/api/sessions/" + launch.session + "/call", { method: method, arguments: args });
      } catch (error) {
        answer = { result: /GetValue$/.test(method) ? "" : "false", error: "101",
                   diagnostic: "the preview server did not answer: " + error.message };
      }
      lastError = answer.error;
      lastDiagnostic = answer.diagnostic;
      if (options.onCall) { options.onCall(launch, method, args, answer); }
      return answer.result;
    }

    FUNCTIONS[options.version].forEach(function (method) {
      api[method] = function () {
        var count = arguments.length;
        while (count > 0 && arguments[count - 1] === undefined) { count--; }  // f("") called as f("", undefined)
        var args = [];
        for (var i = 0; i < count; i++) {
          args.push(arguments[i] === null || arguments[i] === undefined ? "" : String(arguments[i]));
        }
        return forward(method, args);
      };
    });
    if (options.version === "2004") { api.version = "1.0"; }

    return {
      api: api,
      /* The launch the next document loaded in the frame talks to. */
      expect: function (launch) { pending = launch; errors = launch.errors; },
      sessionOf: function (doc) {
        for (var i = 0; i < routes.length; i++) {
          if (routes[i].document === doc) { return routes[i].launch.session; }
        }
        return null;
      }
    };
  }

  window.PreviewRuntime = {
    FUNCTIONS: FUNCTIONS,
    create: RuntimeApi,
    /* Shows the SCO the API of one version only, as an LMS does. */
    install: function (runtime, version) {
      window.API = version === "1.2" ? runtime.api : undefined;
      window.API_1484_11 = version === "2004" ? runtime.api : undefined;
    }
  };
}());
