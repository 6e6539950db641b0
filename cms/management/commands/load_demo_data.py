"""``manage.py load_demo_data``: fill an empty site with the Zhengzhou demo content (safe to run again)."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cms.demo.loader import demo_data_load, demo_logins_table
from organisations.models import Organisation

#: Loggers that report every page publish and background task at INFO: too chatty for a bulk load.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextlib.contextmanager
def _quiet(names: tuple[str, ...]) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = _("载入演示数据：郑州市总工会组织树、创新工作室、账号、页面和首页推荐。可重复运行，不会重复创建。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--logins",
            action="store_true",
            help=_("只打印演示账号和密码，不载入数据。"),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("只在站点还没有任何组织时载入（新克隆上第一次 make run）；已有数据的站点不动。"),
        )

    def handle(self, *args: Any, logins: bool = False, if_empty: bool = False, **options: Any) -> None:
        if if_empty and Organisation.objects.exists():
            logins = True
            self.stdout.write(_("站点已有数据，未载入演示数据。"))
        if not logins:
            started = time.perf_counter()
            try:
                with _quiet(CHATTY_LOGGERS) if options["verbosity"] < 2 else contextlib.nullcontext():
                    report = demo_data_load()
            except ValidationError as exc:
                raise CommandError(
                    _("演示数据与现有数据冲突：%(error)s") % {"error": "; ".join(exc.messages)}
                ) from exc
            kinds = sorted(set(report.created) | set(report.existing))
            summary = ", ".join(
                _("%(kind)s 新建 %(created)d / 已有 %(existing)d")
                % {"kind": kind, "created": report.created[kind], "existing": report.existing[kind]}
                for kind in kinds
            )
            self.stdout.write(
                self.style.SUCCESS(
                    _("演示数据已就绪（%(seconds).1f 秒）：") % {"seconds": time.perf_counter() - started}
                )
                + summary
            )
        if options["verbosity"] > 0:
            self.stdout.write("")
            self.stdout.write(demo_logins_table())
