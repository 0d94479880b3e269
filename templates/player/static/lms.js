/* LMS adapter (docs/tracking.md): finds the SCORM API; one core, two thin version mappings, a formatter per
   SCORM data type. Values over a limit are refused; values not yet committed are sent again at the next commit.
   It knows SCORM, not the player. Its interface (CoursePlayer.lms):
     start() → true when an LMS was found and initialized; version: "1.2" | "2004"
     read(objectiveId, commentKeys) → {entry, learner, location, suspend, fresh, comments: {key: text}}
     report({completed, success, score, suspend}) (status, score, exit; also as the objective objectiveId)
     place(location, suspendData), exit(suspend), interaction(record), commentLimit(keys),
     comments(texts, keys) (every key's text, "" for none; sends what differs from what the LMS holds)
     commit(now), finish(); callbacks onFault(), onCommit()
   The length limits are SCORM's (templates/player/scorm_limits.json, put in by the build). */
(function (CB) {
  "use strict";
  const pad = (n, width) => ("000" + n).slice(-width);
  const LIMITS = {/* scorm_limits.json */};
  const limit = (version, el) => { const table = LIMITS[version], key = el.replace(/\.\d+(?=\.|$)/g, ".n"); return table[key] || table["*"]; };

  const format = CB.format = {
    timespan: ms => { // 1.2 CMITimespan HHHH:MM:SS.SS
      const cs = Math.min(Math.round(ms / 10), 3599999999), s = Math.floor(cs / 100);
      return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2) + "." + pad(cs % 100, 2);
    },
    duration: ms => { // 2004 timeinterval (second,10,2): PT1H2M3.45S
      const cs = Math.round(ms / 10), s = Math.floor(cs / 100), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
      return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s % 60 + "." + pad(cs % 100, 2) + "S";
    },
    time: d => pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2), // 1.2 CMITime
    timestamp: d => { // 2004 time (second,10,0): YYYY-MM-DDThh:mm:ss.ss+hh:mm
      const off = -d.getTimezoneOffset(), abs = Math.abs(off);
      return d.getFullYear() + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2) + "T" + format.time(d) + "." +
        pad(Math.floor(d.getMilliseconds() / 10), 2) + (off < 0 ? "-" : "+") + pad(Math.floor(abs / 60), 2) + ":" + pad(abs % 60, 2);
    },
    identifier: (id, max) => /^[!-~]+$/.test(id) && id.length <= max, // printable ASCII, no spaces
    pattern: (v, type, response) => type === "true-false" ? v.bools[response ? 0 : 1] // t / true
      : response.map(r => typeof r === "string" ? r : r.join(v.pair)).join(v.list), // a,b  a.b,c.d  a[,]b
    // 2004 localized strings: runtimes refuse line breaks and a leading "{"
    langString: text => text.replace(/\r\n|[\n\r\u2028\u2029]/g, "\u00b6").replace(/^\{/, " {"),
    unLangString: text => text.replace(/\u00b6/g, "\n").replace(/^ \{/, "{")
  };

  const VERSIONS = {
    "1.2": {
      prefix: "LMS", status: "cmi.core.lesson_status", entry: "cmi.core.entry", learner: "cmi.core.student_id",
      location: "cmi.core.lesson_location", exit: "cmi.core.exit", session: "cmi.core.session_time", score: "cmi.core.score.", normalExit: "",
      list: ",", pair: ".", bools: ["t", "f"], wrong: "wrong", response: "student_response",
      time: ["time", format.time], span: format.timespan,
      limit: el => limit("1.2", el),
      report: (o, prefix) => [[prefix ? prefix + "status" : "cmi.core.lesson_status",
        o.success === null ? (o.completed ? "completed" : "incomplete") : o.success ? "passed" : "failed"]],
      // one cmi.comments for all reflections, read as a log of "[module.key] text" records (see comments12)
      readComments: (get, keys) => comments12.read(get("cmi.comments"), keys),
      writeComments: (texts, keys) => comments12.write(texts, keys),
      commentLimit: keys => Math.floor((limit("1.2", "cmi.comments") - keys.join("1234").length - 4) / Math.max(keys.length, 1))
    },
    "2004": {
      prefix: "", status: "cmi.completion_status", entry: "cmi.entry", learner: "cmi.learner_id", location: "cmi.location", exit: "cmi.exit", session: "cmi.session_time", score: "cmi.score.", normalExit: "normal", scaled: true,
      list: "[,]", pair: "[.]", bools: ["true", "false"], wrong: "incorrect", response: "learner_response",
      time: ["timestamp", format.timestamp], span: format.duration, description: true,
      limit: el => limit("2004", el),
      report: (o, prefix) => {
        const out = [[(prefix || "cmi.") + "completion_status", o.completed || o.success !== null ? "completed" : "incomplete"]];
        if (o.success !== null) { out.push([(prefix || "cmi.") + "success_status", o.success ? "passed" : "failed"]); }
        return out;
      },
      // one cmi.comments_from_learner.n per reflection, found again by its location
      readComments: get => {
        const found = {};
        comments.count = Number(get("cmi.comments_from_learner._count")) || 0;
        for (let i = 0; i < comments.count; i++) {
          const key = get("cmi.comments_from_learner." + i + ".location");
          comments[key] = i;
          found[key] = comments.sent[key] = format.unLangString(get("cmi.comments_from_learner." + i + ".comment"));
        }
        return found;
      },
      writeComments: (texts, keys) => {
        keys.forEach(key => {
          if (texts[key] === (comments.sent[key] || "")) { return; }
          if (!(key in comments)) { comments[key] = comments.count++; }
          const prefix = "cmi.comments_from_learner." + comments[key] + ".";
          lms.set(prefix + "comment", format.langString(comments.sent[key] = texts[key]));
          lms.set(prefix + "location", key);
          lms.set(prefix + "timestamp", format.timestamp(new Date()));
        });
      },
      commentLimit: () => limit("2004", "cmi.comments_from_learner.n.comment") - 1 // room for an escaped leading "{"
    }
  };

  const THROTTLE = 4000; // ms between commits, unless one is asked for now
  let api = null, v = null, journal = [], resend = false, terminated = false, timer = 0, lastCommit = 0, started = 0;
  let interactions = 0, objective = 0, objectiveId = "";
  const comments = { count: 0, sent: {} };
  // SCORM 1.2 cmi.comments. Moodle's player appends every LMSSetValue of it to what it holds
  // (mod/scorm/datamodels/scorm_12.js), others replace it. So the value is a log of "[key] text" records, the last
  // record of a key wins, a change appends only the records that changed, and once the first write of a session
  // shows that the LMS replaced the value, every write is the full set.
  const comments12 = {
    held: null, texts: {}, mode: "", // what the LMS holds, its last text per key, "append" | "replace" | "" (unknown)
    read: (value, keys) => {
      const heads = [];
      keys.forEach(key => {
        const head = "[" + key + "] ";
        for (let at = value.indexOf(head); at >= 0; at = value.indexOf(head, at + 1)) { heads.push([key, at]); }
      });
      const found = {};
      heads.sort((a, b) => a[1] - b[1]).forEach((head, i) => {
        const next = heads[i + 1], text = value.slice(head[1] + head[0].length + 3, next ? next[1] : value.length);
        found[head[0]] = next && text.endsWith("\n") ? text.slice(0, -1) : text; // the record separator
      });
      Object.assign(comments12, { held: value, texts: found });
      return found;
    },
    write: (texts, keys) => {
      const c = comments12, text = key => texts[key] || "", record = key => "[" + key + "] " + text(key);
      if (c.held === null) { c.read(lms.get("cmi.comments"), keys); }
      const changed = keys.filter(key => text(key) !== (c.texts[key] || ""));
      if (!changed.length) { return; }
      // unknown: the full set, with an empty record for a text taken back, right whether the LMS appends or replaces
      const value = c.mode === "replace" ? keys.filter(text).map(record).join("\n")
        : (c.held ? "\n" : "") + (c.mode ? changed : keys.filter(key => text(key) || c.texts[key])).map(record).join("\n");
      if (!lms.set("cmi.comments", value)) { return; } // kept for the next commit; written again at the next change
      const before = c.held, after = lms.get("cmi.comments");
      if (!c.mode && before) { c.mode = after === before + value ? "append" : after === value ? "replace" : ""; }
      c.read(after, keys);
    }
  };
  const lms = CB.lms = { VERSIONS };

  // RTE specs: this window, then up the parents (500 at most), then the opener and its parents.
  function search(win) {
    for (let level = 0; win && level < 500; level++) {
      try {
        if (win.API_1484_11) { return ["2004", win.API_1484_11]; }
        if (win.API) { return ["1.2", win.API]; }
      } catch (e) { /* a frame of another origin */ }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  const fn = name => v.prefix + (v.prefix && name === "Terminate" ? "Finish" : name);

  function fault(what, detail) {
    console.error("SCORM " + what + " failed: " + detail);
    if (lms.onFault) { lms.onFault(); }
    return false;
  }

  // One API call; on any failure false, and the error code and its text on the console.
  function call(name, args) {
    const what = fn(name) + "(" + (args[0] || "") + ")";
    let result, code, text = "";
    try {
      result = String(api[fn(name)](...args));
      code = String(api[fn("GetLastError")]());
    } catch (e) { return fault(what, "error - (" + e.message + ")"); }
    if (result === "true" && (code === "0" || code === "")) { return true; }
    try { text = api[fn("GetErrorString")](code) + "; " + api[fn("GetDiagnostic")](code); } catch (e) { /* none */ }
    return fault(what, "error " + code + " (" + text + ")");
  }

  lms.start = () => {
    const found = search(window) || (window.opener && search(window.opener));
    if (!found) { return false; }
    v = VERSIONS[found[0]];
    api = found[1];
    if (!call("Initialize", [""])) { api = null; return false; }
    lms.version = found[0];
    started = Date.now();
    interactions = Number(lms.get("cmi.interactions._count")) || 0;
    return true;
  };

  lms.get = el => {
    try {
      const value = api[fn("GetValue")](el), code = String(api[fn("GetLastError")]());
      if (code === "0" || code === "") { return value == null ? "" : String(value); }
      if (code !== "403") { console.warn(`SCORM GetValue(${el}): error ${code}`); } // 403: not set yet
    } catch (e) { fault(fn("GetValue") + "(" + el + ")", e.message); }
    return "";
  };

  lms.set = (el, value) => { // true when the LMS took the value now
    if (!api || terminated) { return false; }
    value = String(value);
    const max = v.limit(el);
    if (value.length > max || (/\.id$/.test(el) && !format.identifier(value, max))) {
      fault("check of " + el, "a value of " + value.length + " characters does not fit the element");
      return false;
    }
    journal = journal.filter(entry => entry[0] !== el);
    journal.push([el, value]);
    if (resend) { return false; }
    if (!call("SetValue", [el, value])) { resend = true; }
    return !resend;
  };

  function flush(always) {
    clearTimeout(timer);
    timer = 0;
    if (!api || terminated || !(journal.length || always)) { return; }
    lms.set(v.session, v.span(Date.now() - started));
    if (resend) { resend = !journal.every(entry => call("SetValue", entry)); }
    lastCommit = Date.now();
    if (!resend && call("Commit", [""])) {
      journal = [];
      if (lms.onCommit) { lms.onCommit(); }
    } else {
      resend = true;
    }
  }

  lms.commit = now => {
    if (!api || terminated) { return; }
    const wait = lastCommit + THROTTLE - Date.now();
    if (now || wait <= 0) { flush(); } else if (!timer) { timer = setTimeout(flush, wait); }
  };

  lms.finish = () => { // exactly once: last values and session time, a commit, then Terminate
    if (!api || terminated) { return; }
    flush(true);
    terminated = true;
    call("Terminate", [""]);
  };

  lms.read = (id, commentKeys) => {
    const get = lms.get, count = Number(get("cmi.objectives._count")) || 0;
    objectiveId = id;
    for (objective = 0; objective < count && get("cmi.objectives." + objective + ".id") !== id;) { objective++; }
    return {
      entry: get(v.entry), learner: get(v.learner), location: get(v.location), suspend: get("cmi.suspend_data"),
      fresh: /^(not attempted|unknown|)$/.test(get(v.status)), comments: v.readComments(get, commentKeys)
    };
  };

  // o: {completed, success: true|false|null, score: 0..100|null, suspend}
  lms.report = o => {
    const mine = "cmi.objectives." + objective + ".";
    v.report(o).concat([[mine + "id", objectiveId]], v.report(o, mine)).forEach(pair => lms.set(pair[0], pair[1]));
    if (o.score !== null) {
      [v.score, mine + "score."].forEach(prefix => {
        lms.set(prefix + "raw", o.score);
        lms.set(prefix + "min", 0);
        lms.set(prefix + "max", 100);
        if (v.scaled) { lms.set(prefix + "scaled", Math.round(o.score * 100) / 10000); }
      });
    }
    lms.exit(o.suspend);
  };
  lms.exit = suspend => lms.set(v.exit, suspend ? "suspend" : v.normalExit);
  lms.place = (location, data) => {
    lms.set(v.location, location);
    lms.set("cmi.suspend_data", data);
  };

  // r: {id, type, response, correct: [responses], result: bool, latency: ms, time: Date, description}
  lms.interaction = r => {
    if (!api) { return; }
    const p = "cmi.interactions." + interactions++ + ".";
    lms.set(p + "id", r.id);
    lms.set(p + "type", r.type);
    lms.set(p + v.time[0], v.time[1](r.time));
    lms.set(p + "weighting", 1);
    r.correct.forEach((c, i) => lms.set(p + "correct_responses." + i + ".pattern", format.pattern(v, r.type, c)));
    lms.set(p + v.response, format.pattern(v, r.type, r.response));
    lms.set(p + "result", r.result ? "correct" : v.wrong);
    lms.set(p + "latency", v.span(r.latency));
    if (v.description && r.description) { lms.set(p + "description", format.langString(r.description)); }
  };

  lms.comments = (texts, keys) => v.writeComments(texts, keys);
  lms.commentLimit = keys => v.commentLimit(keys);
}(window.CoursePlayer = window.CoursePlayer || {}));
