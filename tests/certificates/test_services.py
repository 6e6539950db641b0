"""Issuing certificates: one per recipient and source, whatever the number of calls."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection

from certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate, certificate_code_normalise
from certificates.selectors import certificate_by_code, certificates_for_user, recipient_name_masked
from certificates.services import certificate_issue, certificate_revoke
from config.errors import ApplicationError
from tests.accounts.factories import UserFactory
from tests.assessments.factories import QuizFactory
from tests.studios.factories import StudioFactory

pytestmark = pytest.mark.django_db


def _issue(recipient, source, **overrides):  # type: ignore[no-untyped-def]
    kwargs = {"title": "数控车床操作与维护", "hours": Decimal("12.5"), "issuer": "李斌数控技术创新工作室"}
    kwargs.update(overrides)
    return certificate_issue(recipient=recipient, source=source, **kwargs)


def test_issue_records_the_name_and_a_random_code(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    learner = UserFactory(real_name="张小伟")
    with django_capture_on_commit_callbacks() as callbacks:
        certificate = _issue(learner, QuizFactory(), issued_on=datetime.date(2026, 6, 1))
    assert certificate.recipient_name == "张小伟"
    assert certificate.issued_on == datetime.date(2026, 6, 1)
    assert len(certificate.code) == CODE_LENGTH and set(certificate.code) <= set(CODE_ALPHABET)
    assert len(callbacks) == 1  # the PDF is rendered by a task after the commit


def test_issue_is_idempotent_per_recipient_and_source():  # type: ignore[no-untyped-def]
    learner, quiz = UserFactory(), QuizFactory()
    first = _issue(learner, quiz)
    again = _issue(learner, quiz, title="另一个名称", hours=Decimal("99"))
    assert again.pk == first.pk and again.title == "数控车床操作与维护" and again.hours == Decimal("12.5")
    # another source, another learner, or another kind of source with the same id: new certificates
    other_quiz = _issue(learner, QuizFactory())
    other_learner = _issue(UserFactory(), quiz)
    studio = StudioFactory(organisation=quiz.organisation)
    other_kind = _issue(learner, studio)
    assert len({first.pk, other_quiz.pk, other_learner.pk, other_kind.pk}) == 4
    assert Certificate.objects.count() == 4
    assert len({c.code for c in Certificate.objects.all()}) == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_issue_makes_one_certificate():  # type: ignore[no-untyped-def]
    learner, quiz = UserFactory(), QuizFactory()
    barrier = threading.Barrier(4)
    results: list[int] = []
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            barrier.wait()
            results.append(_issue(learner, quiz).pk)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(set(results)) == 1 and Certificate.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "  "}, "证书名称不能为空"),
        ({"issuer": ""}, "颁发单位不能为空"),
        ({"hours": "abc"}, "学时必须是数字"),
        ({"hours": Decimal("-1")}, "学时必须在"),
    ],
)
def test_bad_input_is_refused_in_chinese(kwargs, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ApplicationError, match=message):
        _issue(UserFactory(), QuizFactory(), **kwargs)
    assert not Certificate.objects.exists()


def test_unsaved_source_is_refused():  # type: ignore[no-untyped-def]
    with pytest.raises(ApplicationError, match="必须已保存"):
        _issue(UserFactory(), QuizFactory.build())


def test_lookup_by_typed_code_ignores_case_dashes_and_lookalikes():  # type: ignore[no-untyped-def]
    certificate = _issue(UserFactory(), QuizFactory())
    typed = "-".join(certificate.display_code.lower().split("-")).replace("0", "o").replace("1", "l")
    assert certificate_code_normalise(typed) == certificate.code
    assert certificate_by_code(code=f"  {typed} ") == certificate
    assert certificate_by_code(code="") is None and certificate_by_code(code="0000-0000") is None


def test_certificates_for_user_lists_only_their_own():  # type: ignore[no-untyped-def]
    learner = UserFactory()
    mine = _issue(learner, QuizFactory())
    _issue(UserFactory(), QuizFactory())
    assert list(certificates_for_user(user=learner)) == [mine]


@pytest.mark.parametrize(
    ("name", "masked"), [("张伟", "张*"), ("张小伟", "张*伟"), ("欧阳小明", "欧**明"), ("李", "李"), ("", "*")]
)
def test_name_masking(name, masked):  # type: ignore[no-untyped-def]
    assert recipient_name_masked(name) == masked


def test_revoke_needs_a_reason_and_is_recorded(people):  # type: ignore[no-untyped-def]
    people = {key: type(user).objects.get(pk=user.pk) for key, user in people.items()}  # fresh tree paths
    certificate = _issue(people["worker_a"], QuizFactory())
    with pytest.raises(ApplicationError, match="撤销原因"):
        certificate_revoke(certificate=certificate, reason=" ", by=people["staff_a"])
    certificate_revoke(certificate=certificate, reason="考核作弊", by=people["staff_a"])
    certificate.refresh_from_db()
    assert certificate.revoked and certificate.revoked_reason == "考核作弊" and certificate.revoked_at is not None
    with pytest.raises(ApplicationError, match="管辖范围"):
        certificate_revoke(certificate=_issue(people["worker_a"], QuizFactory()), reason="x", by=people["staff_b"])
