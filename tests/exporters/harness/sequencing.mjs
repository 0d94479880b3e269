// Plays SCO sessions through scorm-again's SCORM 2004 sequencing engine and reports what it did.
// stdin: {"tree": <sequencing.activityTree>, "sessions": [{"completion": "completed", "scaled": "0.9" | null,
//         "request": "continue"}, ...]}
// stdout: {"delivered": [activity ids in delivery order], "root": {...}, "children": [{...}, ...]}
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const runtime = join(here, "..", "..", "..", "node_modules", "scorm-again", "dist", "esm", "scorm2004.js");
const { Scorm2004API } = await import(runtime);

const input = JSON.parse(readFileSync(0, "utf8"));
const delivered = [];
// scorm-again announces deliveries on the console: send that to stderr, stdout carries only the result
for (const name of ["log", "info", "debug", "warn"]) { console[name] = (...args) => process.stderr.write(args.join(" ") + "\n"); }
const api = new Scorm2004API({
  logLevel: 5, autocommit: false, lmsCommitUrl: false,
  sequencing: { activityTree: input.tree, eventListeners: { onActivityDelivery: (activity) => delivered.push(activity.id) } },
});
for (const session of input.sessions) {
  api.Initialize("");
  api.SetValue("cmi.completion_status", session.completion);
  if (session.scaled !== null) { api.SetValue("cmi.score.scaled", session.scaled); }
  api.SetValue("adl.nav.request", session.request);
  api.Terminate("");
  api.reset();
}
const status = (a) => ({ id: a.id, completion: a.completionStatus, success: a.successStatus,
  measure: a.objectiveMeasureStatus ? a.objectiveNormalizedMeasure : null });
const root = api.getSequencingState().rootActivity;
process.stdout.write(JSON.stringify({ delivered, root: status(root), children: root.children.map(status) }));
