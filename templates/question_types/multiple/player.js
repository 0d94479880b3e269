// multiple: several options; partly right when a right one is ticked.
types.multiple = { partly: (key, code) => key.correct.some(c => code.includes(c)) };
