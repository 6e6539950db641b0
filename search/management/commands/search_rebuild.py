"""manage.py search_rebuild: rebuild the whole search index from every registered source."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "重建站内搜索索引（课程、课时、讲座与沙龙）；重建期间旧索引继续提供搜索。"

    def handle(self, *args: Any, **options: Any) -> None:
        backend = "Elasticsearch" if settings.ELASTICSEARCH_URL else "database"
        self.stdout.write(f"rebuilding the search index ({backend})…")

        def progress(done: int, total: int | None) -> None:
            self.stdout.write(f"  {done} documents" + (f" of {total}" if total is not None else ""))

        count = search_index_rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"search index rebuilt: {count} documents"))
