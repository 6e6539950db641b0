"""Worker self-signup: every bad input gets a Chinese message on the form and nothing is saved."""

import pytest
from django.urls import reverse

from accounts.models import Role, User
from accounts.roles import UNION_STAFF_GROUP
from organisations.models import Organisation
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER_URL = reverse("accounts:register")
GOOD_PASSWORD = "Gongjiang#2026"


@pytest.fixture
def signup(org_tree):  # type: ignore[no-untyped-def]
    """A valid signup; tests change one thing at a time."""
    return {
        "real_name": "王小明",
        "mobile": "13912345678",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "organisation": str(org_tree["a1"].pk),
        "employer": "郑州煤矿机械集团股份有限公司",
        "employee_number": "ZMJ-0042",
        "trade": "焊工",
        "skill_level": "3",
    }


def _refused(client, data):  # type: ignore[no-untyped-def]
    before = User.objects.count()
    response = client.post(REGISTER_URL, data)
    assert response.status_code == 200
    assert User.objects.count() == before
    assert "_auth_user_id" not in client.session
    return response.content.decode()


def test_page_lists_the_tree_indented_by_depth(client, org_tree):
    response = client.get(REGISTER_URL)
    assert response.status_code == 200
    html = response.content.decode()
    options = [o.name for o in Organisation.objects.order_by("path")]
    positions = [html.index(name) for name in options]
    assert positions == sorted(positions)  # tree (path) order
    assert ">郑州市总工会</option>" in html
    assert ">\u3000└ 金水区总工会</option>" in html
    assert ">\u3000\u3000└ 郑州煤矿机械集团</option>" in html
    for name in ("real_name", "mobile", "password1", "password2", "organisation", "employee_number"):
        assert f'<label for="id_{name}">' in html


def test_success_creates_a_worker_and_logs_in(client, signup, org_tree):
    response = client.post(REGISTER_URL, signup)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    user = User.objects.get(mobile="13912345678")
    assert user.role == Role.WORKER
    assert user.real_name == "王小明"
    assert user.organisation_id == org_tree["a1"].pk
    assert (user.employee_number, user.trade, user.skill_level) == ("ZMJ-0042", "焊工", "3")
    assert user.username == "13912345678"
    assert user.check_password(GOOD_PASSWORD)
    assert not user.is_staff and not user.is_superuser
    assert not user.groups.filter(name=UNION_STAFF_GROUP).exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    # and can sign in again later with the mobile number
    client.post(reverse("accounts:logout"))
    login = client.post(reverse("accounts:login"), {"username": "13912345678", "password": GOOD_PASSWORD})
    assert login.status_code == 302


def test_optional_fields_may_be_left_empty(client, signup):
    for name in ("employer", "employee_number", "trade", "skill_level"):
        signup[name] = ""
    assert client.post(REGISTER_URL, signup).status_code == 302
    assert User.objects.get(mobile="13912345678").employee_number == ""


@pytest.mark.parametrize(
    "mobile", ["12345678901", "1391234567", "139123456789", "abcdefghijk", "23912345678"]
)
def test_invalid_mobile(client, signup, mobile):
    signup["mobile"] = mobile
    html = _refused(client, signup)
    assert "请输入有效的 11 位中国大陆手机号码" in html or "手机号应为 11 位数字" in html
    assert 'aria-describedby="id_mobile_error id_mobile_helptext"' in html


def test_duplicate_mobile(client, signup):
    UserFactory(mobile="13912345678")
    html = _refused(client, signup)
    assert "该手机号已被注册" in html


def test_duplicate_employee_number_in_same_organisation(client, signup, org_tree):
    UserFactory(organisation=org_tree["a1"], employee_number="ZMJ-0042")
    html = _refused(client, signup)
    assert "该组织内已存在相同工号的用户。" in html
    assert 'id="id_employee_number_error"' in html


def test_same_employee_number_in_another_organisation_is_fine(client, signup, org_tree):
    UserFactory(organisation=org_tree["b1"], employee_number="ZMJ-0042")
    assert client.post(REGISTER_URL, signup).status_code == 302
    assert User.objects.filter(employee_number="ZMJ-0042").count() == 2


def test_invalid_employee_number(client, signup):
    signup["employee_number"] = "工号 42"
    assert "工号只能包含字母、数字、连字符和下划线" in _refused(client, signup)


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_unknown_or_missing_organisation(client, signup, value):
    signup["organisation"] = value
    html = _refused(client, signup)
    assert "所选组织不存在，请重新选择。" in html or "请选择所属工会组织。" in html


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "密码"),  # entirely numeric / too common
        ("Ab1!", "密码"),  # too short
        ("password", "密码"),  # too common
    ],
)
def test_weak_password(client, signup, password, message):
    signup["password1"] = signup["password2"] = password
    html = _refused(client, signup)
    assert 'id="id_password1_error"' in html
    assert message in html


def test_password_too_similar_to_mobile(client, signup):
    signup["password1"] = signup["password2"] = "13912345678a"
    html = _refused(client, signup)
    assert 'id="id_password1_error"' in html


def test_passwords_must_match(client, signup):
    signup["password2"] = GOOD_PASSWORD + "x"
    assert "两次输入的密码不一致。" in _refused(client, signup)


def test_blank_name(client, signup):
    signup["real_name"] = "   "
    assert "请填写姓名。" in _refused(client, signup)


def test_invalid_skill_level(client, signup):
    signup["skill_level"] = "wizard"
    assert "请选择有效的技能等级。" in _refused(client, signup)


def test_username_taken_by_someone_else_gets_a_suffix(client, signup):
    UserFactory(username="13912345678", mobile="13700000001")
    assert client.post(REGISTER_URL, signup).status_code == 302
    user = User.objects.get(mobile="13912345678")
    assert user.username.startswith("13912345678-")


def test_signed_in_user_is_sent_to_profile(client, signup):
    user = UserFactory()
    client.force_login(user, backend="accounts.backends.MobileOrUsernameBackend")
    assert client.get(REGISTER_URL).status_code == 302
