/* LMS adapter: finds the SCORM API, one core with two thin version mappings (1.2, 2004), one formatter
   per SCORM data type. Every value is checked against the version's limits before it is sent; values the
   LMS has not confirmed by a successful commit are sent again at the next one. See docs/tracking.md. */
(function (CB) {
  "use strict";
  function pad(n, width) { n = String(n); while (n.length < width) { n = "0" + n; } return n; }

  var format = CB.format = {
    // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS
    timespan: function (ms) {
      var cs = Math.min(Math.round(ms / 10), 3599999999), s = Math.floor(cs / 100);
      return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2) + "." + pad(cs % 100, 2);
    },
    // SCORM 2004 timeinterval (second,10,2), ISO 8601 duration: PT1H2M3.45S
    duration: function (ms) {
      var cs = Math.round(ms / 10), s = Math.floor(cs / 100), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
      return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (s % 60) + "." + pad(cs % 100, 2) + "S";
    },
    // SCORM 1.2 CMITime: HH:MM:SS (local time of day)
    time: function (date) {
      return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
    },
    // SCORM 2004 time (second,10,0), ISO 8601: YYYY-MM-DDThh:mm:ss.ss+hh:mm
    timestamp: function (date) {
      var offset = -date.getTimezoneOffset(), abs = Math.abs(offset);
      return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) + "T" +
        format.time(date) + "." + pad(Math.floor(date.getMilliseconds() / 10), 2) +
        (offset < 0 ? "-" : "+") + pad(Math.floor(abs / 60), 2) + ":" + pad(abs % 60, 2);
    },
    // CMIIdentifier (1.2) / long_identifier_type (2004): printable ASCII, no spaces
    identifier: function (id, max) { return /^[!-~]+$/.test(id) && id.length <= max; },
    // A response or correct-response pattern: choice/sequencing a,b  matching a.b,c.d  true-false t|true
    pattern: function (v, type, response) {
      if (type === "true-false") { return v.bools[response ? 0 : 1]; }
      return response.map(function (r) { return typeof r === "string" ? r : r.join(v.pair); }).join(v.list);
    },
    // SCORM 2004 localized_string_type on a single line; runtimes reject line breaks and a leading "{"
    langString: function (text) { return text.replace(/\r\n|[\n\r\u2028\u2029]/g, "\u00b6").replace(/^\{/, " {"); },
    unLangString: function (text) { return text.replace(/\u00b6/g, "\n").replace(/^ \{/, "{"); }
  };

  var VERSIONS = {
    "1.2": {
      api: "API", init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", error: "LMSGetLastError", text: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic",
      entry: "cmi.core.entry", learner: "cmi.core.student_id", location: "cmi.core.lesson_location",
      exit: "cmi.core.exit", session: "cmi.core.session_time", score: "cmi.core.score.", status: "cmi.core.lesson_status",
      normalExit: "", list: ",", pair: ".", bools: ["t", "f"], wrong: "wrong", response: "student_response",
      time: ["time", format.time], span: format.timespan,
      limit: function (el) { return /^cmi\.(suspend_data|comments)$/.test(el) ? 4096 : 255; },
      fresh: function (get) { return /^(not attempted|unknown|)$/.test(get("cmi.core.lesson_status")); },
      status: function (o, prefix) {
        var status = o.success === null ? (o.completed ? "completed" : "incomplete") : (o.success ? "passed" : "failed");
        return [[prefix ? prefix + "status" : "cmi.core.lesson_status", status]];
      },
      // All reflections share the one cmi.comments string: "[intro.min-vaerdi] text\n[intro.other] text"
      readComments: function (get, keys) {
        var text = get("cmi.comments"), found = {}, heads = [];
        keys.forEach(function (key) {
          var at = ("\n" + text).indexOf("\n[" + key + "] ");
          if (at >= 0) { heads.push([key, at]); }
        });
        heads.sort(function (a, b) { return a[1] - b[1]; });
        heads.forEach(function (head, i) {
          found[head[0]] = text.slice(head[1] + head[0].length + 3, i + 1 < heads.length ? heads[i + 1][1] - 1 : text.length);
        });
        return found;
      },
      writeComments: function (set, texts, keys) {
        set("cmi.comments", keys.filter(function (k) { return texts[k]; }).map(function (k) {
          return "[" + k + "] " + texts[k];
        }).join("\n"));
      },
      commentLimit: function (keys) {
        var heads = keys.reduce(function (sum, k) { return sum + k.length + 4; }, 0);
        return Math.floor((4096 - heads) / Math.max(keys.length, 1));
      }
    },
    "2004": {
      api: "API_1484_11", init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
      commit: "Commit", error: "GetLastError", text: "GetErrorString", diagnostic: "GetDiagnostic",
      entry: "cmi.entry", learner: "cmi.learner_id", location: "cmi.location",
      exit: "cmi.exit", session: "cmi.session_time", score: "cmi.score.", scaled: true,
      normalExit: "normal", list: "[,]", pair: "[.]", bools: ["true", "false"], wrong: "incorrect", response: "learner_response",
      time: ["timestamp", format.timestamp], span: format.duration, description: true,
      limit: function (el) {
        return el === "cmi.suspend_data" ? 64000 : el === "cmi.location" ? 1000 : /description$|\.location$/.test(el) ? 250 : 4000;
      },
      fresh: function (get) { return /^(not attempted|unknown|)$/.test(get("cmi.completion_status")); },
      status: function (o, prefix) {
        var out = [[(prefix || "cmi.") + "completion_status", o.completed || o.success !== null ? "completed" : "incomplete"]];
        if (o.success !== null) { out.push([(prefix || "cmi.") + "success_status", o.success ? "passed" : "failed"]); }
        return out;
      },
      // One cmi.comments_from_learner.n per reflection, found again by its location
      readComments: function (get) {
        var found = {}, count = Number(get("cmi.comments_from_learner._count")) || 0;
        for (var i = 0; i < count; i++) {
          var key = get("cmi.comments_from_learner." + i + ".location");
          commentIndex[key] = i;
          found[key] = format.unLangString(get("cmi.comments_from_learner." + i + ".comment"));
        }
        commentCount = count;
        return found;
      },
      writeComments: function (set, texts, keys) {
        keys.forEach(function (key) {
          if ((texts[key] || "") === (sentComments[key] || "")) { return; }
          if (!(key in commentIndex)) { commentIndex[key] = commentCount++; }
          var prefix = "cmi.comments_from_learner." + commentIndex[key] + ".";
          set(prefix + "comment", format.langString(texts[key] || ""));
          set(prefix + "location", key);
          set(prefix + "timestamp", format.timestamp(new Date()));
          sentComments[key] = texts[key] || "";
        });
      },
      commentLimit: function () { return 3999; }  // 4000, less the room an escaped leading "{" needs
    }
  };

  var THROTTLE = 4000;  // ms between two commits at most once, unless a commit is asked for now
  var api = null, v = null, journal = [], resend = false, terminated = false, timer = 0, lastCommit = 0, started = 0;
  var interactionCount = 0, objectiveIndex = 0, commentIndex = {}, commentCount = 0, sentComments = {};
  var lms = CB.lms = { version: null, faults: 0, onFault: null, onCommit: null };

  // SCORM: look in this window and its parents (the RTE specs allow 500 levels), then in the opener's chain.
  function search(win) {
    for (var level = 0; win && level < 500; level++) {
      try {
        if (win.API_1484_11) { return ["2004", win.API_1484_11]; }
        if (win.API) { return ["1.2", win.API]; }
      } catch (e) { /* a frame of another origin: keep climbing */ }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  lms.find = function () { return search(window) || (window.opener ? search(window.opener) : null); };

  function fault(what, code, text) {
    console.error("SCORM " + what + " failed: error " + code + " " + text);
    lms.faults++;
    if (lms.onFault) { lms.onFault(); }
    return false;
  }

  // Calls one API function; false (and a console line with the SCORM error code and its text) on failure.
  function call(name, args, what) {
    var result, code;
    try {
      result = String(api[v[name]].apply(api, args));
      code = String(api[v.error]());
    } catch (e) {
      return fault(v[name] + "(" + (what || "") + ")", "-", "(" + e.message + ")");
    }
    if (result === "true" && (code === "0" || code === "")) { return true; }
    var text = "";
    try { text = "(" + api[v.text](code) + "; " + api[v.diagnostic](code) + ")"; } catch (e) { text = ""; }
    return fault(v[name] + "(" + (what || "") + ")", code, text);
  }

  lms.start = function () {
    var found = lms.find();
    if (!found) { return false; }
    v = VERSIONS[found[0]];
    api = found[1];
    if (!call("init", [""])) { api = null; return false; }
    lms.version = found[0];
    started = Date.now();
    interactionCount = Number(lms.get("cmi.interactions._count")) || 0;
    return true;
  };

  lms.get = function (el) {
    if (!api) { return ""; }
    try {
      var value = api[v.get](el), code = String(api[v.error]());
      if (code === "0" || code === "") { return value === null || value === undefined ? "" : String(value); }
      // 403 in 2004: "value not initialized", the normal answer for a fresh attempt
      if (code !== "403") { console.warn("SCORM " + v.get + "(" + el + "): error " + code + " " + api[v.text](code)); }
    } catch (e) { fault(v.get + "(" + el + ")", "-", "(" + e.message + ")"); }
    return "";
  };

  // Queues a value in the journal of unconfirmed values and sends it. Values over the limit are refused.
  lms.set = function (el, value) {
    if (!api || terminated) { return; }
    value = String(value);
    var max = v.limit(el);
    if (value.length > max || (/\.id$/.test(el) && !format.identifier(value, max))) {
      fault("check of " + el, "-", "(value of " + value.length + " characters does not fit the element)");
      return;
    }
    for (var i = 0; i < journal.length; i++) { if (journal[i][0] === el) { journal.splice(i, 1); break; } }
    journal.push([el, value]);
    if (!resend && !call("set", [el, value], el)) { resend = true; }
  };

  function flush(always) {
    clearTimeout(timer);
    timer = 0;
    if (!api || terminated || !(journal.length || always)) { return; }
    lms.set(v.session, v.span(Date.now() - started));
    if (resend) {
      resend = !journal.every(function (entry) { return call("set", entry, entry[0]); });
    }
    lastCommit = Date.now();
    if (!resend && call("commit", [""])) {
      journal = [];
      if (lms.onCommit) { lms.onCommit(); }
      return;
    }
    resend = true;
  }

  // Commits after a meaningful step: at once when asked, otherwise at most once per THROTTLE.
  lms.commit = function (now) {
    if (!api || terminated) { return; }
    var wait = lastCommit + THROTTLE - Date.now();
    if (now || wait <= 0) { flush(); } else if (!timer) { timer = setTimeout(flush, wait); }
  };

  // Ends the session exactly once: last values, a commit, then LMSFinish / Terminate.
  lms.finish = function () {
    if (!api || terminated) { return; }
    flush(true);
    terminated = true;
    call("finish", [""]);
  };
  lms.terminated = function () { return terminated; };
  lms.pending = function () { return journal.length; };

  lms.read = function () {
    var read = lms.get;
    objectiveIndex = Number(read("cmi.objectives._count")) || 0;
    for (var i = 0; i < objectiveIndex; i++) {
      if (read("cmi.objectives." + i + ".id") === CB.config.moduleId) { objectiveIndex = i; break; }
    }
    return {
      entry: read(v.entry), learner: read(v.learner), location: read(v.location),
      suspend: read("cmi.suspend_data"), fresh: v.fresh(read), comments: v.readComments(read, CB.reflectionKeys())
    };
  };

  // o: {completed: bool, success: true|false|null, score: 0..100|null, suspend: bool}
  lms.report = function (o) {
    var objective = "cmi.objectives." + objectiveIndex + ".";
    v.status(o).concat([[objective + "id", CB.config.moduleId]], v.status(o, objective)).forEach(function (pair) {
      lms.set(pair[0], pair[1]);
    });
    if (o.score !== null) {
      [v.score, objective + "score."].forEach(function (prefix) {
        lms.set(prefix + "raw", o.score);
        lms.set(prefix + "min", 0);
        lms.set(prefix + "max", 100);
        if (v.scaled) { lms.set(prefix + "scaled", Math.round(o.score * 100) / 10000); }
      });
    }
    lms.exit(o.suspend);
  };
  lms.exit = function (suspend) { lms.set(v.exit, suspend ? "suspend" : v.normalExit); };
  lms.place = function (location, suspendData) {
    lms.set(v.location, location);
    lms.set("cmi.suspend_data", suspendData);
  };

  // r: {id, type, response, correct: [responses], result: bool, latency: ms, time: Date, description}
  lms.interaction = function (r) {
    if (!api) { return; }
    var prefix = "cmi.interactions." + interactionCount++ + ".";
    lms.set(prefix + "id", r.id);
    lms.set(prefix + "type", r.type);
    lms.set(prefix + v.time[0], v.time[1](r.time));
    lms.set(prefix + "weighting", 1);
    r.correct.forEach(function (pattern, i) {
      lms.set(prefix + "correct_responses." + i + ".pattern", format.pattern(v, r.type, pattern));
    });
    lms.set(prefix + v.response, format.pattern(v, r.type, r.response));
    lms.set(prefix + "result", r.result ? "correct" : v.wrong);
    lms.set(prefix + "latency", v.span(r.latency));
    if (v.description && r.description) { lms.set(prefix + "description", format.langString(r.description)); }
  };

  lms.comments = function (texts, keys) { v.writeComments(lms.set, texts, keys); };
  lms.commentLimit = function (keys) { return v.commentLimit(keys); };
  lms.VERSIONS = VERSIONS;
}(window.CoursePlayer = window.CoursePlayer || {}));
