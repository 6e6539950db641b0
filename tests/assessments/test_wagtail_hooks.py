"""Authoring quizzes in the Wagtail admin: the permission matrix and the inline questions and choices."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import Question, QuestionKind, Quiz
from tests.assessments.factories import QuizFactory, single_choice
from tests.studios.factories import StudioFactory

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_assessments_quiz:list"
ADD = "wagtailsnippets_assessments_quiz:add"
EDIT = "wagtailsnippets_assessments_quiz:edit"
DELETE = "wagtailsnippets_assessments_quiz:delete"


@pytest.fixture
def world(org_tree, people):  # type: ignore[no-untyped-def]
    studio_a = StudioFactory(organisation=org_tree["a1"], lead=people["master_a"])
    studio_b = StudioFactory(organisation=org_tree["b1"], lead=people["master_b"])
    quiz_a = QuizFactory(title="金水区工作室测验", studio=studio_a, organisation=org_tree["a1"])
    quiz_b = QuizFactory(title="二七区工作室测验", studio=studio_b, organisation=org_tree["b1"])
    quiz_city = QuizFactory(title="市总工会测验", organisation=org_tree["city"])
    return {"studio_a": studio_a, "studio_b": studio_b, "a": quiz_a, "b": quiz_b, "city": quiz_city}


def _login(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)


# who → (quizzes listed, quizzes they may edit)
MATRIX = {
    "admin": ({"a", "b", "city"}, {"a", "b", "city"}),
    "city_staff": ({"a", "b", "city"}, {"a", "b", "city"}),
    "staff_a": ({"a"}, {"a"}),
    "staff_b": ({"b"}, {"b"}),
    "master_a": ({"a"}, {"a"}),
    "master_b": ({"b"}, {"b"}),
}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_listing_and_edit_follow_the_scope(client, world, people, who):  # type: ignore[no-untyped-def]
    listed, editable = MATRIX[who]
    _login(client, people[who])
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    shown = {key for key in ("a", "b", "city") if world[key].title in response.content.decode()}
    assert shown == listed
    for key in ("a", "b", "city"):
        status = client.get(reverse(EDIT, args=[world[key].pk])).status_code
        assert status == (200 if key in editable else 404), (who, key, status)
        delete_status = client.get(reverse(DELETE, args=[world[key].pk])).status_code
        assert delete_status == (200 if key in editable else 404), (who, key, delete_status)


def test_a_worker_has_no_quiz_admin(client, world, people):  # type: ignore[no-untyped-def]
    _login(client, people["worker_a"])
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403)
    assert client.get(reverse(EDIT, args=[world["a"].pk])).status_code in (302, 403, 404)


def _quiz_post(**overrides):  # type: ignore[no-untyped-def]
    questions = overrides.pop(
        "questions",
        [
            {
                "kind": QuestionKind.SINGLE,
                "text": "车床启动前首先应检查什么？",
                "points": "2",
                "true_false_answer": "",
                "accepted_answers": "",
                "explanation": "先查防护装置。",
                "choices": inline_formset(
                    [{"text": "防护装置是否完好", "is_correct": "on"}, {"text": "工件颜色"}, {"text": "天气"}]
                ),
            },
            {
                "kind": QuestionKind.FILL_IN,
                "text": "数控的英文缩写是＿＿。",
                "points": "1",
                "true_false_answer": "",
                "accepted_answers": "CNC",
                "explanation": "",
                "choices": inline_formset([]),
            },
        ],
    )
    data = {
        "title": "新建测验",
        "description": "",
        "studio": "",
        "organisation": "",
        "pass_mark": "60",
        "max_attempts": "0",
        "time_limit_minutes": "",
        "show_answers": "on",
        "is_active": "on",
        "questions": inline_formset(questions),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_master_creates_a_quiz_with_nested_questions_for_their_studio(client, world, people):  # type: ignore[no-untyped-def]
    _login(client, people["master_a"])
    response = client.post(reverse(ADD), _quiz_post(studio=str(world["studio_a"].pk), organisation=""))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    quiz = Quiz.objects.get(title="新建测验")
    assert quiz.studio == world["studio_a"]
    assert quiz.organisation == world["studio_a"].organisation  # taken from the studio
    assert quiz.created_by == people["master_a"]
    questions = list(quiz.questions.order_by("sort_order"))
    assert [q.kind for q in questions] == [QuestionKind.SINGLE, QuestionKind.FILL_IN]
    assert [(c.text, c.is_correct) for c in questions[0].choices.order_by("sort_order")] == [
        ("防护装置是否完好", True),
        ("工件颜色", False),
        ("天气", False),
    ]


def test_master_cannot_place_a_quiz_in_another_studio(client, world, people):  # type: ignore[no-untyped-def]
    _login(client, people["master_a"])
    response = client.post(reverse(ADD), _quiz_post(studio=str(world["studio_b"].pk)))
    assert response.status_code == 200
    assert "只能选择您所在或管辖的工作室" in response.content.decode()
    assert not Quiz.objects.filter(title="新建测验").exists()


def test_staff_cannot_place_a_quiz_outside_their_subtree(client, world, people, org_tree):  # type: ignore[no-untyped-def]
    _login(client, people["staff_a"])
    response = client.post(reverse(ADD), _quiz_post(organisation=str(org_tree["b"].pk)))
    assert response.status_code == 200
    assert "管辖范围内的组织" in response.content.decode()
    response = client.post(reverse(ADD), _quiz_post(organisation=str(org_tree["a1"].pk)))
    assert response.status_code == 302
    assert Quiz.objects.get(title="新建测验").organisation == org_tree["a1"]


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([{"text": "甲", "is_correct": "on"}, {"text": "乙", "is_correct": "on"}], "单选题必须且只能勾选一个正确选项"),
        ([{"text": "甲"}, {"text": "乙"}], "单选题必须且只能勾选一个正确选项"),
        ([{"text": "甲", "is_correct": "on"}], "选择题至少需要两个选项"),
    ],
)
def test_single_choice_questions_need_a_sensible_key(client, world, people, choices, message):  # type: ignore[no-untyped-def]
    _login(client, people["staff_a"])
    question = {
        "kind": QuestionKind.SINGLE,
        "text": "题干",
        "points": "1",
        "true_false_answer": "",
        "accepted_answers": "",
        "explanation": "",
        "choices": inline_formset(choices),
    }
    response = client.post(reverse(ADD), _quiz_post(studio=str(world["studio_a"].pk), questions=[question]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Quiz.objects.filter(title="新建测验").exists()


def test_true_false_and_fill_in_need_their_answer(client, world, people):  # type: ignore[no-untyped-def]
    _login(client, people["staff_a"])
    blank = {"points": "1", "accepted_answers": "", "true_false_answer": "", "explanation": "", "choices": inline_formset([])}
    questions = [{**blank, "kind": QuestionKind.TRUE_FALSE, "text": "判断"}, {**blank, "kind": QuestionKind.FILL_IN, "text": "填空"}]
    response = client.post(reverse(ADD), _quiz_post(studio=str(world["studio_a"].pk), questions=questions))
    body = response.content.decode()
    assert response.status_code == 200
    assert "判断题必须设置答案" in body and "填空题至少需要一个可接受的答案" in body
    assert not Question.objects.filter(text__in=["判断", "填空"]).exists()


def test_master_edits_their_studios_quiz(client, world, people):  # type: ignore[no-untyped-def]
    quiz = world["a"]
    question = single_choice(quiz, correct=0, count=2)
    _login(client, people["master_a"])
    edit = client.get(reverse(EDIT, args=[quiz.pk]))
    assert edit.status_code == 200
    choices = list(question.choices.order_by("sort_order"))
    data = _quiz_post(
        title="金水区工作室测验（修订）",
        studio=str(world["studio_a"].pk),
        questions=[
            {
                "id": str(question.pk),
                "kind": QuestionKind.SINGLE,
                "text": "修订后的题干",
                "points": "1",
                "true_false_answer": "",
                "accepted_answers": "",
                "explanation": "",
                "choices": inline_formset(
                    [
                        {"id": str(choices[0].pk), "text": choices[0].text},
                        {"id": str(choices[1].pk), "text": choices[1].text, "is_correct": "on"},
                    ],
                    initial=2,
                ),
            }
        ],
    )
    data["questions-INITIAL_FORMS"] = "1"
    response = client.post(reverse(EDIT, args=[quiz.pk]), data)
    assert response.status_code == 302
    quiz.refresh_from_db()
    question.refresh_from_db()
    assert quiz.title == "金水区工作室测验（修订）" and question.text == "修订后的题干"
    assert [c.is_correct for c in question.choices.order_by("sort_order")] == [False, True]
