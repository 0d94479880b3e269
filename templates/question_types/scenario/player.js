// scenario: situation by situation; each decision is the interaction <question>.<node>; the code is the choices.
types.scenario = {
  answered: (key, code) => walk(key, code).ended,
  points(key, code) { const end = walk(key, code); return end.ended ? key.nodes[end.at].score / 100 : 0; },
  check: (root, button) => decide(root, button.closest(".node")),
  restore: (key, root, code) => walk(key, code).decisions.forEach(([nodeId, choice]) => {
    const node = $(`[data-node="${nodeId}"]`, root);
    $(`input[value="${choice}"]`, node).checked = true;
    decided(key, root, node, choice);
  }),
};

// The path: the decisions taken, the node reached, and whether it is an ending.
function walk(key, code) {
  let node = key.start;
  const decisions = [];
  for (let i = 0; i < code.length && key.nodes[node] && key.nodes[node].choices; i++) {
    decisions.push([node, code[i]]);
    node = key.nodes[node].choices[code[i]];
  }
  return { decisions, at: node, ended: !!key.nodes[node] && "score" in key.nodes[node] };
}

function decide(root, node) {
  const key = keys[root.dataset.question], id = node.dataset.node, input = $("input:checked", node);
  if (!input) { CB.announce(t.answer_first); return; }
  state.answers[key.id] = (state.answers[key.id] || "") + input.value;
  const best = key.nodes[id].best;
  track(key.id + "." + id, "choice", [input.value], best.map(b => [b]), best.includes(input.value), key.id);
  const next = decided(key, root, node, input.value), result = $(".result", node);
  result.focus();
  CB.announce(result.textContent.trim() + (next.matches(".ending") ? " " + next.textContent.trim() : ""));
  progress();
}

// Locks a decision point, shows the consequence of the choice and reveals what comes next.
function decided(key, root, node, choice) {
  const result = $(".result", node), nextId = key.nodes[node.dataset.node].choices[choice];
  const next = $(`[data-node="${nextId}"]`, root), ending = key.nodes[nextId];
  lock(node);
  result.hidden = false;
  $$(".feedback", result).forEach(f => { f.hidden = f.dataset.option !== choice; });
  next.parentNode.appendChild(next); // situations follow in the order the learner meets them
  next.hidden = false;
  shownAt[key.id + "." + nextId] = Date.now();
  if ("score" in ending) { $(".ending-score", next).textContent = CB.fill(t.scenario_score, { score: ending.score }); }
  return next;
}
