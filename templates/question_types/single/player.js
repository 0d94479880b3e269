// single: one option, right or wrong: the quiz's defaults (base in player/static/quiz.js).
types.single = {};
