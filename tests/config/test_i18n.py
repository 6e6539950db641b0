"""Chinese by default, English when the visitor switches (Django's set_language view and cookie)."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_pages_default_to_simplified_chinese(client, site_pages):
    html = client.get("/accounts/login/").content.decode()
    assert "手机号或用户名" in html and "Mobile" not in html


def test_switching_to_english_translates_the_interface(client, site_pages):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in html
    assert "手机号或用户名" not in html  # the label is translated, not left in Chinese
    assert "Log in" in html or "Sign in" in html


def test_every_catalogue_entry_is_translated():
    import gettext
    from pathlib import Path

    mo = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    po = mo.with_suffix(".po").read_text(encoding="utf-8")
    catalogue = gettext.GNUTranslations(mo.open("rb"))._catalog  # type: ignore[attr-defined]
    # every msgid of the .po made it into the compiled catalogue (fuzzy or empty entries are dropped)
    assert po.count("\nmsgid ") <= len(catalogue)
