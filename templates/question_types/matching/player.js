// matching: a right-hand id per pair, in the key's order; SCORM records left.right pairs.
types.matching = {
  interaction: "matching",
  values: (key, root) => key.pairs.map(pair => select(root, pair).value),
  place: (key, root, id, i) => { select(root, key.pairs[i]).value = id; },
  points: (key, code) => +(code === key.pairs.join("")),
  partly: (key, code) => key.pairs.some((p, i) => code[i] === p),
  tracked: (key, code) => [key.pairs.map((p, i) => [p, code[i]]), [key.pairs.map(p => [p, p])]],
  summarize(key, root, code, right, box) {
    const answer = (pair, id) => $(`option[value="${id}"]`, select(root, pair)).textContent;
    const list = summary(box, "ul");
    key.pairs.forEach((id, i) => mark(add(list, "li", $(`li[data-pair="${id}"] .left`, root).textContent + " → "
      + answer(id, code[i])), code[i] === id, CB.fill(t.right_answer, { answer: answer(id, id) })));
  },
};
