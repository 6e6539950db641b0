import factory
from factory.django import DjangoModelFactory

from assessments.models import Choice, Question, QuestionKind, Quiz
from tests.organisations.factories import OrganisationFactory


class QuizFactory(DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"安全操作规程测验{n}")
    description = "考查数控车床安全操作要点。"
    organisation = factory.SubFactory(OrganisationFactory)
    pass_mark = 60


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizFactory)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"第{n}题：下列哪项做法正确？")
    points = 1
    sort_order = factory.Sequence(int)
    explanation = "依据《机械加工安全操作规程》第三条。"


class ChoiceFactory(DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"选项{n}")
    is_correct = False
    sort_order = factory.Sequence(int)


def single_choice(quiz: Quiz, *, points: int = 1, correct: int = 0, count: int = 4) -> Question:
    question = QuestionFactory(quiz=quiz, kind=QuestionKind.SINGLE, points=points)
    for index in range(count):
        ChoiceFactory(question=question, text=f"选项{'ABCD'[index]}", is_correct=index == correct)
    return question


def multiple_choice(quiz: Quiz, *, points: int = 2, correct: tuple[int, ...] = (0, 2), count: int = 4) -> Question:
    question = QuestionFactory(quiz=quiz, kind=QuestionKind.MULTIPLE, points=points)
    for index in range(count):
        ChoiceFactory(question=question, text=f"选项{'ABCD'[index]}", is_correct=index in correct)
    return question


def true_false(quiz: Quiz, *, answer: bool = True, points: int = 1) -> Question:
    return QuestionFactory(quiz=quiz, kind=QuestionKind.TRUE_FALSE, true_false_answer=answer, points=points)


def fill_in(quiz: Quiz, *, accepted: str = "ＣＮＣ 数控\n数控机床", points: int = 1) -> Question:
    return QuestionFactory(quiz=quiz, kind=QuestionKind.FILL_IN, accepted_answers=accepted, points=points)


def choice_ids(question: Question, *indexes: int) -> list[int]:
    ids = list(question.choices.order_by("sort_order", "pk").values_list("pk", flat=True))
    return [ids[i] for i in indexes]
