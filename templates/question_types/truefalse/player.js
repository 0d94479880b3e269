// truefalse: the code is t or f; SCORM records true or false.
types.truefalse = {
  interaction: "true-false",
  points: (key, code) => +((code === "t") === key.correct),
  tracked: (key, code) => [code === "t", [key.correct]],
  summarize(key, root, code, right, box) { add(box, "p", t.answer + ": " + (code === "t" ? t.answer_true : t.answer_false)); },
};
