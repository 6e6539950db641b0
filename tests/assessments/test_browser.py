"""A worker takes a quiz on a 360 px phone: one question per screen, autosave, submit, result, way back."""

from __future__ import annotations

from typing import Any

import pytest

from assessments.models import Answer, Attempt
from tests.accounts.factories import UserFactory
from tests.assessments.factories import ChoiceFactory, QuestionFactory, QuizFactory, fill_in, true_false
from tests.playwright_browser import log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gongjiang@2026"


def test_worker_takes_a_quiz_one_question_per_screen(live_server, phone_page):  # type: ignore[no-untyped-def]
    quiz = QuizFactory(title="数控车床安全操作测验", pass_mark=60, time_limit_minutes=20)
    single = QuestionFactory(quiz=quiz, kind="single", text="开机前首先检查什么？", sort_order=1)
    ChoiceFactory(question=single, text="防护装置是否完好", is_correct=True, sort_order=1)
    ChoiceFactory(question=single, text="车床的颜色", sort_order=2)
    tf = true_false(quiz, answer=False)
    tf.text, tf.sort_order = "可以戴手套操作车床。", 2
    tf.save()
    fill = fill_in(quiz, accepted="CNC")
    fill.text, fill.sort_order = "数控的英文缩写是＿＿。", 3
    fill.save()
    worker = UserFactory(real_name="张伟", mobile="13912345600")
    worker.set_password(PASSWORD)
    worker.save()

    page = phone_page
    log_in(page, live_server.url, username="13912345600", password=PASSWORD)

    page.goto(f"{live_server.url}/quizzes/{quiz.pk}/?next=/studios/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "数控车床安全操作测验"
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="开始答题").click()
    page.wait_for_url(f"{live_server.url}/quizzes/attempts/**")

    # one question per screen; the countdown runs
    assert page.get_by_text("开机前首先检查什么？").is_visible()
    assert not page.get_by_text("可以戴手套操作车床。").is_visible()
    assert "剩余" in page.locator("[data-quiz-timer]").inner_text()
    assert no_horizontal_scroll(page)

    page.get_by_label("防护装置是否完好").check()
    page.locator("[data-quiz-save-state]", has_text="已保存").wait_for()
    attempt = Attempt.objects.get(user=worker)
    assert Answer.objects.filter(attempt=attempt, question=single).exists()  # saved on the server already

    page.get_by_role("button", name="下一题").click()
    assert page.get_by_text("可以戴手套操作车床。").is_visible()
    page.locator("fieldset.is-current").get_by_label("错误").check()
    page.get_by_role("button", name="下一题").click()
    def fill_saved(response: Any) -> bool:
        body = response.request.post_data or ""
        return response.url.endswith(f"/attempts/{attempt.pk}/save/") and f'name="q{fill.pk}"' in body

    with page.expect_response(fill_saved):
        page.get_by_label("填写答案").fill("ｃｎｃ")  # typed answers are saved after a short pause
    assert Answer.objects.get(attempt=attempt, question=fill).text_answer == "ｃｎｃ"

    # coming back later: the answers are still there, on the first unanswered (here: last) screen
    page.reload()
    page.get_by_role("button", name="转到第 1 题").click()
    assert page.get_by_label("防护装置是否完好").is_checked()

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="交卷").click()
    page.wait_for_url(f"{live_server.url}/quizzes/attempts/{attempt.pk}/result/**")
    assert dialogs == []  # every question answered: no “还有 n 题未作答” prompt
    assert "恭喜，已通过！" in page.content()
    assert page.get_by_test_id("score").inner_text().startswith("100")
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="继续学习").click()
    page.wait_for_url(f"{live_server.url}/studios/")
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.timed_out is False
