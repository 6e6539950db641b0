"""Studio home pages as search documents (registered with the search capability in CmsConfig.ready()): workers
look a studio up by its name, its lead, its trade or what its page says. Only live pages nobody restricted."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from search.registry import SearchDocument, SearchSource, page_document

from .models import StudioPage

STUDIO = "studio"


def studio_documents(ids: Sequence[int] | None) -> Iterator[SearchDocument]:
    pages = StudioPage.objects.live().public().select_related("studio__lead", "studio__organisation")
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    body_field = StudioPage._meta.get_field("body")
    for page in pages.order_by("pk").iterator(chunk_size=200):
        studio = page.studio
        lead = studio.lead.real_name or studio.lead.get_username()
        yield page_document(
            kind=STUDIO,
            page=page,
            summary=page.intro,
            body="\n".join([
                studio.name, lead, str(studio.get_industry_display()), studio.organisation.name,
                *(str(text) for text in body_field.get_searchable_content(page.body)),
            ]),
            studio=studio.name,
        )


SOURCES = (SearchSource(kind=STUDIO, label=_("工作室"), documents=studio_documents, page_model=StudioPage),)
