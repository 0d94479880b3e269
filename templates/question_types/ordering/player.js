// ordering: the item ids as placed; SCORM records a sequencing.
types.ordering = {
  interaction: "sequencing",
  values: (key, root) => $$(".ordering li", root).map(li => li.dataset.item),
  place: (key, root, id) => { const list = $(".ordering", root); list.appendChild($(`[data-item="${id}"]`, list)); },
  points: (key, code) => +(code === key.order.join("")),
  tracked: (key, code) => [code.split(""), [key.order]],
  summarize(key, root, code, right, box) {
    const item = id => $(`[data-item="${id}"] .item-text`, root).textContent, list = summary(box, "ol");
    key.order.forEach((id, i) => mark(add(list, "li", item(code[i])), code[i] === id));
    if (!right) {
      add(box, "p", t.correct_order);
      const order = add(box, "ol");
      key.order.forEach(id => add(order, "li", item(id)));
    }
  },
};
