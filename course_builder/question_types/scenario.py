"""scenario: a case told situation by situation; at each decision point the learner picks a choice that leads
to another situation or to an ending with a score. Each decision point is one interaction
(`<question id>.<node id>`); the question earns the score of the ending reached.

Moodle has no such type: the bank holds the case as a description, then one single-answer multichoice per
decision point, graded by the best ending each choice still allows."""
from __future__ import annotations

from course_builder.content.load import read_option
from course_builder.content.model import Question, ScenarioNode, Source
from course_builder.content.problems import Phrase, Problem
from course_builder.content.validate import check_id, check_unique_choice_ids
from course_builder.question_types.base import QuestionType
from course_builder.templating import fill


class Scenario(QuestionType):
    name = "scenario"
    fields = frozenset({"start", "nodes"})
    report_checks_right_answer = False  # a decision point's "right" choice is the course's reading of the graph

    # content

    def load(self, read, fields, question) -> None:
        question.start = read.text(fields.get("start"), "start")
        question.start_line = read.line(fields["start"]) if "start" in fields else question.source.line
        question.nodes = [n for n in (self._node(read, n) for n in read.sequence(fields.get("nodes"), "nodes")) if n]
        for node in question.nodes:
            node.interaction_id = f"{question.id}.{node.id}"

    @staticmethod
    def _node(read, node) -> ScenarioNode | None:
        fields = read.mapping(node, "thing_scenario_node", {"id", "situation", "choices", "ending", "score"}, {"id"})
        if fields is None:
            return None
        is_ending = "ending" in fields or "score" in fields
        if is_ending and ("situation" in fields or "choices" in fields):
            read.error(node, "node_both_kinds")
        text_field = "ending" if is_ending else "situation"
        if text_field not in fields:
            read.error(node, "field_missing", field=text_field, thing=Phrase.of("thing_scenario_node"))
        if is_ending and "score" not in fields:
            read.error(node, "ending_without_score")
        choices = [] if is_ending else [
            c for c in (read_option(read, n, scenario=True) for n in read.sequence(fields.get("choices"), "choices")) if c
        ]
        return ScenarioNode(
            id=read.text(fields.get("id"), "id"),
            situation=read.text(fields.get(text_field), text_field, required=text_field in fields),
            choices=choices,
            score=read.integer(fields.get("score"), "score", 0, 100) if is_ending else None,
            source=Source(read.path, read.line(node)),
            ending=is_ending,
        )

    def check(self, question, problems) -> None:
        path = question.source.path
        nodes = {}
        for node in question.nodes:
            check_id(node.id, "id_of_node", path, node.source.line, problems)
            if node.id in nodes:
                problems.append(Problem.of(path, node.source.line, "node_twice", node=node.id, question=question.id))
            nodes.setdefault(node.id, node)
            if not node.is_ending:
                check_unique_choice_ids(node.choices, "choice", problems)
            if not node.is_ending and not node.choices:
                problems.append(Problem.of(path, node.source.line, "dead_end", node=node.id))
            for choice in node.choices:
                if choice.next and choice.next not in nodes and choice.next not in {n.id for n in question.nodes}:
                    problems.append(Problem.of(path, choice.next_line or choice.source.line, "unknown_next_node",
                                               choice=choice.id, node=choice.next,
                                               nodes=", ".join(n.id for n in question.nodes)))
        if question.start and question.start not in nodes:
            problems.append(Problem.of(path, question.start_line or question.source.line, "unknown_start_node",
                                       node=question.start, nodes=", ".join(n.id for n in question.nodes)))
            return
        if not question.start:
            return
        self._check_graph(question, nodes, problems)
        if not any(n.score == 100 for n in question.nodes if n.is_ending):
            problems.append(Problem.of(path, question.source.line, "no_full_score_ending", question=question.id))

    @staticmethod
    def _check_graph(question, nodes: dict, problems: list[Problem]) -> None:
        """Every node reachable from the start, and no path that comes back to a node (a cycle)."""
        path = question.source.path
        state = {question.start: "open"}  # "open" while on the current path, "done" after
        stack = [(question.start, iter(nodes[question.start].choices))]
        while stack:
            node_id, choices = stack[-1]
            choice = next(choices, None)
            if choice is None:
                state[node_id] = "done"
                stack.pop()
            elif choice.next in nodes and state.get(choice.next) == "open":
                problems.append(Problem.of(path, choice.next_line or choice.source.line, "cycle",
                                           choice=choice.id, node=choice.next))
            elif choice.next in nodes and choice.next not in state:
                state[choice.next] = "open"
                stack.append((choice.next, iter(nodes[choice.next].choices)))
        for node_id, node in nodes.items():
            if node_id not in state:
                problems.append(Problem.of(path, node.source.line, "unreachable_node", node=node_id))

    # the player

    def player_key(self, question) -> dict:
        best = best_scores(question)
        return {"start": question.start, "nodes": {n.id: self._node_key(n, best) for n in question.nodes}}

    @staticmethod
    def _node_key(node: ScenarioNode, best: dict[str, int]) -> dict:
        if node.is_ending:
            return {"score": node.score or 0}
        # the choices that keep the best ending reachable: the correct responses of the decision point
        return {"choices": {c.id: c.next for c in node.choices}, "best": best_choice_ids(node, best)}

    # Moodle's question bank

    def bank_questions(self, convert, module, question, number) -> list:
        """The case as a description, then each decision point as a single-answer multichoice."""
        intro = convert.base(module, question, "description", convert.name(number, question.prompt, convert.t["scenario"]),
                             origin="introduction")
        intro.general_feedback = convert.general_feedback([question.reference], lead=convert.t["scenario_intro_feedback"])
        intro.default_grade, intro.penalty = 0.0, 0.0
        points = question.decision_points()
        best = best_scores(question)
        made = [intro]
        for index, node in enumerate(points, 1):
            made.append(self._decision_point(convert, module, question, node, best, number, index, len(points)))
        return made

    def _decision_point(self, convert, module, question: Question, node: ScenarioNode, best: dict[str, int],
                        number: int, index: int, total: int) -> BankQuestion:
        from course_builder.moodle_questions import Answer, BankQuestion, CombinedFeedback, DEFAULT_PENALTY, EMPTY, short_idnumber
        fractions = decision_fractions(node, best)
        answers = []
        for choice in node.choices:
            target = question.node(choice.next or "")
            ending = target.situation if target is not None and target.is_ending else ""
            feedback = convert.fragment(module, "moodle/choice_feedback.html.j2", choice.source,
                                        feedback=choice.feedback, ending=ending)
            answers.append(Answer(convert.inline(module, choice.text, choice.source), fractions[choice.id], feedback,
                                  choice_id=choice.id))
        arrived_by = [c.text.strip() for n in question.nodes for c in n.choices if c.next == node.id]
        text = convert.fragment(module, "moodle/decision_point.html.j2", node.source, situation=node.situation,
                                arrived_by=arrived_by)
        label = fill(convert.t["decision"], n=index, total=total)
        return BankQuestion(
            qtype="multichoice",
            name=f"{number:02d}.{index} {label}: {convert.excerpt(node.situation)}",
            idnumber=short_idnumber(node.interaction_id),
            text=text,
            general_feedback=convert.general_feedback([question.reference]),
            default_grade=round(1 / total, 7),
            penalty=DEFAULT_PENALTY,
            tags=convert.tags(module, question.roles),
            source=node.source,
            origin="decision-point",
            question_id=question.id,
            content_type=question.type,
            answers=answers,
            single=True,
            combined_feedback=CombinedFeedback(EMPTY, EMPTY, EMPTY),
        )

    def gift_losses(self, question) -> list[str]:
        if question.origin == "introduction" and question.general_feedback.html:
            return ["loses the general feedback of its introduction"]
        if question.origin == "decision-point" and question.default_grade != 1:
            return ["loses the marks of its decision points: each counts 1 instead of sharing the marks of one question"]
        return []

    # Moodle's reports

    def correct_answer(self, target) -> frozenset:
        return frozenset(best_choices(target.question, target.node))

    def is_correct(self, target, answer) -> bool:
        return len(answer) == 1 and answer <= self.correct_answer(target)


def best_scores(question: Question) -> dict[str, int]:
    """The best ending score (0-100) reachable from each node: the one walk of a scenario's graph.

    An unknown node or a path back to a node (validation reports both) counts 0."""
    scores: dict[str, int] = {}

    def best(node_id: str, path: frozenset[str]) -> int:
        if node_id in scores:
            return scores[node_id]
        node = question.node(node_id)
        if node is None or node_id in path:
            return 0
        if node.is_ending:
            value = node.score or 0
        else:
            value = max((best(c.next or "", path | {node_id}) for c in node.choices), default=0)
        scores[node_id] = value
        return value

    for node in question.nodes:
        best(node.id, frozenset())
    return scores


def best_choices(question: Question, node: ScenarioNode, scores: dict[str, int] | None = None) -> set[str]:
    """The choices at a decision point that keep the best ending within reach."""
    return set(best_choice_ids(node, best_scores(question) if scores is None else scores))


def best_choice_ids(node: ScenarioNode, scores: dict[str, int]) -> list[str]:
    """The best choices of a decision point, in file order."""
    values = {choice.id: scores.get(choice.next or "", 0) for choice in node.choices}
    top = max(values.values(), default=0)
    return [choice_id for choice_id, value in values.items() if value == top]


def decision_fractions(node: ScenarioNode, scores: dict[str, int]) -> dict[str, float]:
    """Each choice earns the best outcome it still allows, relative to the best choice here (which gets 100 %)."""
    from course_builder.moodle_questions import nearest_fraction
    reachable = {c.id: scores.get(c.next or "", 0) for c in node.choices}
    top = max(reachable.values(), default=0)
    if top == 0:
        return {choice_id: 1.0 for choice_id in reachable}  # every choice leads to the same outcome
    return {choice_id: nearest_fraction(value / top) for choice_id, value in reachable.items()}


TYPE = Scenario()
