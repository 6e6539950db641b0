"""Posting Wagtail admin page forms the way a browser does: the form's own fields, then ours."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html


def add_url(model_label: str, parent: Page) -> str:
    app_label, model = model_label.split(".")
    return f"/admin/pages/add/{app_label}/{model.lower()}/{parent.pk}/"


def edit_url(page: Page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def page_form_data(client: Any, url: str, **fields: Any) -> QueryDict:
    """GET the admin form at ``url`` and fill it in; lists become multi-valued fields."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in fields.items():
        if isinstance(value, list):
            data.setlist(name, [str(v) for v in value])
        else:
            data[name] = str(value)
    return data


def inline_rows(prefix: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """The fields of an InlinePanel formset with ``rows`` (replacing whatever the form had)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data[f"{prefix}-{number}-ORDER"] = str(number + 1)
        data[f"{prefix}-{number}-DELETE"] = ""
        data[f"{prefix}-{number}-id"] = ""
        for key, value in row.items():
            data[f"{prefix}-{number}-{key}"] = str(value)
    return data
