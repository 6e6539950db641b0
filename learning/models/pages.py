"""Courses authored by studios: the catalogue, a course, and the ordered lessons inside it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class CourseLevel(models.TextChoices):
    BEGINNER = "beginner", _("入门")
    INTERMEDIATE = "intermediate", _("进阶")
    ADVANCED = "advanced", _("高级")


class LessonKind(models.TextChoices):
    VIDEO = "video", _("视频")
    DOCUMENT = "document", _("文档")
    TEXT = "text", _("图文")
    QUIZ = "quiz", _("测验")


class CourseIndexPage(Page):
    """课程中心: the catalogue of every studio's courses."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("课程列表上方的说明。"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    per_page = 12

    class Meta:
        verbose_name = _("课程中心")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(_course_index_context(self, request))
        return context


class CourseTag(TaggedItemBase):
    content_object = ParentalKey("learning.CoursePage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("课程标签")
        verbose_name_plural = _("课程标签")


class CoursePage(Page):
    """A course inside a studio's section; its lessons are its child pages, in order."""

    summary = models.TextField(_("课程简介"), help_text=_("两三句话说明学什么、适合谁。"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("16:9 的封面图片。"),
    )
    studio = models.ForeignKey(
        "studios.Studio",
        verbose_name=_("所属工作室"),
        on_delete=models.PROTECT,
        related_name="courses",
        editable=False,
        help_text=_("由课程所在的工作室栏目自动确定。"),
    )
    instructors = ParentalManyToManyField(
        "accounts.User",
        verbose_name=_("授课人"),
        related_name="taught_courses",
        blank=True,
        help_text=_("讲授本课程的劳模、工匠。"),
    )
    trade = models.CharField(_("工种"), max_length=60, blank=True, help_text=_("适用的工种，例如：焊工。"))
    tags = ClusterTaggableManager(
        through=CourseTag, blank=True, verbose_name=_("标签"), help_text=_("用逗号分隔。")
    )
    level = models.CharField(
        _("难度"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.BEGINNER,
        help_text=_("课程难度。"),
    )
    credit_hours = models.DecimalField(
        _("学时"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("完成课程后获得的学时。"),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("先修课程"),
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=_("建议先完成的课程。"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [FieldPanel("instructors"), FieldPanel("trade"), FieldPanel("tags"), FieldPanel("level"),
             FieldPanel("credit_hours"), FieldPanel("prerequisites")],
            heading=_("课程信息"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.FilterField("level")]

    parent_page_types = ["cms.StudioPage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("课程")
        verbose_name_plural = _("课程")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(_course_context(self, request))
        return context

    def _derive_studio(self) -> None:
        """The owning studio is the one whose section holds the course (known once placed in the tree)."""
        if self.studio_id is None and self.path:
            parent = self.get_parent()
            self.studio_id = getattr(parent.specific, "studio_id", None) if parent is not None else None

    def full_clean(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._derive_studio()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # the admin saves a new draft after minimal_clean only: derive the studio here too
        self._derive_studio()
        return super().save(*args, **kwargs)


class LessonPage(Page):
    """One lesson of a course: a video, a document, rich text or a quiz."""

    kind = models.CharField(
        _("类型"), max_length=20, choices=LessonKind.choices, default=LessonKind.VIDEO,
        help_text=_("决定学员如何学习和怎样算完成。"),
    )
    video = models.ForeignKey(
        "media.Video",
        verbose_name=_("视频"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("视频课：选择一个已处理完成的视频。"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文档"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("文档课：PDF 或 Office 文件，在浏览器中阅读。"),
    )
    quiz = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("测验"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("测验课：选择一个测验，学员通过后本课时完成。"),
    )
    body = RichTextField(_("正文"), blank=True, help_text=_("图文课的正文；其他类型可作为说明。"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("video"),
        FieldPanel("document"),
        FieldPanel("quiz"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["learning.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("课时")
        verbose_name_plural = _("课时")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(_lesson_context(self, request))
        return context

    def clean(self) -> None:
        super().clean()
        if self.kind == LessonKind.VIDEO and not self.video_id:
            raise ValidationError({"video": _("视频课必须选择一个视频。")})
        if self.kind == LessonKind.DOCUMENT and not self.document_id:
            raise ValidationError({"document": _("文档课必须选择一个文档。")})
        if self.kind == LessonKind.QUIZ and not self.quiz_id:
            raise ValidationError({"quiz": _("测验课必须选择一个测验。")})
        if self.kind == LessonKind.TEXT and not self.body:
            raise ValidationError({"body": _("图文课的正文不能为空。")})


# --- page contexts (reads through learning.selectors) ------------------------------------------------


def _course_index_context(page: CourseIndexPage, request: Any) -> dict[str, Any]:
    from django.core.paginator import Paginator

    from ..selectors import assignments_for_user, course_filter_options, course_list

    selected = {
        key: request.GET.get(key, "").strip()[:60] for key in ("trade", "tag", "level", "studio", "q")
    }
    if selected["level"] not in CourseLevel.values:
        selected["level"] = ""
    courses = course_list(**selected)
    paginator = Paginator(courses, page.per_page)
    required = set(assignments_for_user(user=request.user).values_list("course_id", flat=True))
    return {
        "page_obj": paginator.get_page(request.GET.get("page")),
        "selected": selected,
        "levels": CourseLevel.choices,
        "required_ids": required,
        **course_filter_options(),
    }


def _course_context(page: CoursePage, request: Any) -> dict[str, Any]:
    from ..selectors import (
        assignments_for_user,
        course_lessons,
        course_progress_for_user,
        enrollment_for,
    )

    user = request.user
    progress = course_progress_for_user(user=user, course=page)
    lessons = [(lesson, progress.get(lesson.pk)) for lesson in course_lessons(course=page)]
    assignment = assignments_for_user(user=user).filter(course=page).order_by("due_on").first()
    return {
        "lessons": lessons,
        "enrollment": enrollment_for(user=user, course=page),
        "assignment": assignment,
        "studio": page.studio,
        "instructors": list(page.instructors.all()),
        "tags_list": list(page.tags.all()),
        "prerequisites_list": list(page.prerequisites.live()),
    }


def _lesson_context(page: LessonPage, request: Any) -> dict[str, Any]:
    from ..selectors import enrollment_for, lesson_course, lesson_progress_for

    course = lesson_course(lesson=page)
    siblings = list(LessonPage.objects.child_of(course).live().order_by("path").only("pk", "title", "url_path"))
    index = next((i for i, s in enumerate(siblings) if s.pk == page.pk), 0)
    return {
        "course": course,
        "enrollment": enrollment_for(user=request.user, course=course),
        "progress": lesson_progress_for(user=request.user, lesson=page),
        "previous_lesson": siblings[index - 1] if index > 0 else None,
        "next_lesson": siblings[index + 1] if index + 1 < len(siblings) else None,
        "lesson_number": index + 1,
        "lesson_total": len(siblings),
        "quiz_url": page.quiz.get_absolute_url() if page.kind == LessonKind.QUIZ and page.quiz_id else "",
    }
