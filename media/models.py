"""Videos from upload to playback: the untouched original, its HLS renditions, subtitles and thumbnails.

The media app knows a ``Video`` and nothing about what uses it (lessons, lectures, salon recordings).
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class VideoStatus(models.TextChoices):
    UPLOADING = "uploading", _("上传中")
    UPLOADED = "uploaded", _("已上传")
    PROBING = "probing", _("检测中")
    PROCESSING = "processing", _("转码中")
    READY = "ready", _("可播放")
    FAILED = "failed", _("处理失败")


class VideoStage(models.TextChoices):
    NONE = "", _("—")
    QUEUED = "queued", _("排队等待处理")
    PROBE = "probe", _("检测视频文件")
    TRANSCODE = "transcode", _("转码为多种清晰度")
    THUMBNAILS = "thumbnails", _("生成封面和缩略图")
    PUBLISH = "publish", _("保存转码结果")
    DONE = "done", _("完成")


def video_original_upload_to(instance: Video, filename: str) -> str:
    """The original sits in the video's own folder; its user-facing name is kept in ``original_name``."""
    ext = os.path.splitext(filename)[1].lower()
    ext = ext if ext[1:].isalnum() and len(ext) <= 10 else ""
    return f"videos/{instance.uid}/original{ext}"


def subtitle_upload_to(instance: Subtitle, filename: str) -> str:
    return f"videos/{instance.video.uid}/subtitles/{instance.language}.vtt"


class Video(models.Model):
    uid = models.UUIDField(
        _("公开编号"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("用于网址和接口的不可猜测编号。"),
    )
    title = models.CharField(_("标题"), max_length=200, help_text=_("视频标题，默认取上传时的文件名。"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="videos",
        help_text=_("上传该视频的用户。"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("所属组织"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="videos",
        help_text=_("上传人所属的组织；工会干部可管理本组织及下级组织的视频。"),
    )
    original = models.FileField(
        _("原始文件"),
        upload_to=video_original_upload_to,
        max_length=500,
        blank=True,
        help_text=_("上传的原始文件，原样保存，不做任何修改；转码结果都从它重新生成。"),
    )
    original_name = models.CharField(
        _("原始文件名"), max_length=255, blank=True, help_text=_("上传时设备上的文件名。")
    )
    size = models.BigIntegerField(_("文件大小（字节）"), default=0, help_text=_("原始文件的字节数。"))
    status = FSMField(
        _("状态"),
        max_length=20,
        choices=VideoStatus.choices,
        default=VideoStatus.UPLOADING,
        help_text=_("上传中 → 已上传 → 检测中 → 转码中 → 可播放；失败后可重试。"),
    )
    duration = models.FloatField(
        _("时长（秒）"), null=True, blank=True, help_text=_("由 ffprobe 读出的时长。")
    )
    width = models.PositiveIntegerField(
        _("宽度"), null=True, blank=True, help_text=_("显示宽度（像素，已考虑旋转）。")
    )
    height = models.PositiveIntegerField(
        _("高度"), null=True, blank=True, help_text=_("显示高度（像素，已考虑旋转）。")
    )
    frame_rate = models.FloatField(_("帧率"), null=True, blank=True, help_text=_("每秒帧数。"))
    video_codec = models.CharField(
        _("视频编码"), max_length=40, blank=True, help_text=_("原始文件的视频编码，例如 h264、hevc。")
    )
    audio_codec = models.CharField(
        _("音频编码"), max_length=40, blank=True, help_text=_("原始文件的音频编码，没有声音时为空。")
    )
    stage = models.CharField(
        _("处理阶段"),
        max_length=20,
        choices=VideoStage.choices,
        blank=True,
        default=VideoStage.NONE,
        help_text=_("当前正在进行的处理步骤。"),
    )
    percent = models.PositiveSmallIntegerField(
        _("进度（%）"), default=0, help_text=_("整体处理进度，0–100。")
    )
    error_reason = models.TextField(_("失败原因"), blank=True, help_text=_("处理失败时给用户看的原因。"))
    stderr_tail = models.TextField(
        _("ffmpeg 错误输出"),
        blank=True,
        help_text=_("最近一次失败时 ffmpeg 错误输出的末尾（约 4 KB），供管理员排查。"),
    )
    attempts = models.PositiveIntegerField(
        _("处理次数"), default=0, help_text=_("开始处理的次数，包括重试和重新生成。")
    )
    hls_master = models.FileField(
        _("HLS 主播放列表"), max_length=500, blank=True, help_text=_("master.m3u8，列出各清晰度的播放列表。")
    )
    mp4_fallback = models.FileField(
        _("MP4 备用文件"), max_length=500, blank=True, help_text=_("不支持 HLS 的浏览器使用的单文件 MP4。")
    )
    poster = models.FileField(
        _("封面"), max_length=500, blank=True, help_text=_("播放前显示的封面图片（JPEG）。")
    )
    thumbnails_sprite = models.FileField(
        _("缩略图拼图"), max_length=500, blank=True, help_text=_("拖动进度条时显示的缩略图拼图（JPEG）。")
    )
    thumbnails_vtt = models.FileField(
        _("缩略图索引"),
        max_length=500,
        blank=True,
        help_text=_("WebVTT 文件，指明每段时间对应拼图中的哪一块。"),
    )
    output_prefix = models.CharField(
        _("输出目录"), max_length=300, blank=True, help_text=_("当前转码结果在存储中的目录。")
    )
    lease_owner = models.CharField(
        _("处理进程"),
        max_length=200,
        blank=True,
        help_text=_("正在处理该视频的 worker（主机:进程号:任务）。"),
    )
    lease_expires = models.DateTimeField(
        _("租约到期"),
        null=True,
        blank=True,
        help_text=_("处理进程超过这个时间没有汇报进度，就视为已经退出。"),
    )
    processed_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("最近一次处理成功的时间。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, help_text=_("开始上传的时间。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, help_text=_("最近一次修改的时间。"))

    class Meta:
        verbose_name = _("视频")
        verbose_name_plural = _("视频")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "lease_expires"], name="media_video_status_lease")]

    def __str__(self) -> str:
        return self.title

    # --- lifecycle (django-fsm-2); services call these and record a VideoEvent -------------------
    @transition(field=status, source=VideoStatus.UPLOADING, target=VideoStatus.UPLOADED)
    def mark_uploaded(self) -> None:
        self.stage, self.percent = VideoStage.QUEUED, 0

    @transition(field=status, source=VideoStatus.UPLOADED, target=VideoStatus.PROBING)
    def start_probe(self) -> None:
        self.stage = VideoStage.PROBE

    @transition(field=status, source=VideoStatus.PROBING, target=VideoStatus.PROCESSING)
    def start_processing(self) -> None:
        self.stage = VideoStage.TRANSCODE

    @transition(field=status, source=VideoStatus.PROCESSING, target=VideoStatus.READY)
    def mark_ready(self) -> None:
        self.stage, self.percent = VideoStage.DONE, 100
        self.error_reason = ""
        self.stderr_tail = ""

    @transition(
        field=status,
        source=[VideoStatus.UPLOADED, VideoStatus.PROBING, VideoStatus.PROCESSING],
        target=VideoStatus.FAILED,
    )
    def mark_failed(self) -> None:
        pass

    @transition(field=status, source=VideoStatus.FAILED, target=VideoStatus.PROCESSING)
    def retry(self) -> None:
        self.stage, self.percent = VideoStage.QUEUED, 0

    @transition(field=status, source=VideoStatus.READY, target=VideoStatus.PROCESSING)
    def regenerate(self) -> None:
        self.stage, self.percent = VideoStage.QUEUED, 0

    @property
    def is_ready(self) -> bool:
        return self.status == VideoStatus.READY

    @property
    def is_finished(self) -> bool:
        """Nothing more will happen without a user action (the status page stops polling)."""
        return self.status in (VideoStatus.READY, VideoStatus.FAILED)


class Rendition(models.Model):
    video = models.ForeignKey(
        Video,
        verbose_name=_("视频"),
        on_delete=models.CASCADE,
        related_name="renditions",
        help_text=_("所属视频。"),
    )
    name = models.CharField(
        _("名称"), max_length=20, help_text=_("清晰度名称，例如 240p-low、360p、720p、1080p。")
    )
    width = models.PositiveIntegerField(_("宽度"), help_text=_("输出宽度（像素）。"))
    height = models.PositiveIntegerField(_("高度"), help_text=_("输出高度（像素），不超过原始视频。"))
    video_bitrate = models.PositiveIntegerField(_("视频码率上限（kbps）"), help_text=_("H.264 码率上限。"))
    audio_bitrate = models.PositiveIntegerField(
        _("音频码率（kbps）"), help_text=_("AAC 码率；无声视频为 0。")
    )
    bandwidth = models.PositiveIntegerField(
        _("峰值带宽（bit/s）"), help_text=_("写入主播放列表的 BANDWIDTH。")
    )
    codecs = models.CharField(
        _("编码串"), max_length=60, help_text=_("RFC 6381 编码串，例如 avc1.4d401f,mp4a.40.2。")
    )
    playlist = models.FileField(
        _("播放列表"), max_length=500, help_text=_("该清晰度的 HLS 播放列表（index.m3u8）。")
    )

    class Meta:
        verbose_name = _("清晰度")
        verbose_name_plural = _("清晰度")
        ordering = ["video", "height"]
        constraints = [models.UniqueConstraint(fields=["video", "name"], name="media_rendition_unique_name")]

    def __str__(self) -> str:
        return f"{self.video} · {self.name}"


class Subtitle(models.Model):
    video = models.ForeignKey(
        Video,
        verbose_name=_("视频"),
        on_delete=models.CASCADE,
        related_name="subtitles",
        help_text=_("所属视频。"),
    )
    language = models.CharField(
        _("语言代码"), max_length=20, help_text=_("BCP 47 语言代码，例如 zh-Hans、en。每种语言一份字幕。")
    )
    label = models.CharField(
        _("显示名称"), max_length=40, help_text=_("播放器字幕菜单中显示的名称，例如“中文”。")
    )
    vtt = models.FileField(
        _("字幕文件"),
        upload_to=subtitle_upload_to,
        max_length=500,
        help_text=_("WebVTT 格式（上传的 SRT 会自动转换）。"),
    )
    text = models.TextField(_("字幕文本"), blank=True, help_text=_("去掉时间码后的纯文本，供全文搜索使用。"))
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True, help_text=_("字幕上传的时间。"))

    class Meta:
        verbose_name = _("字幕")
        verbose_name_plural = _("字幕")
        ordering = ["video", "language"]
        constraints = [
            models.UniqueConstraint(fields=["video", "language"], name="media_subtitle_unique_language")
        ]

    def __str__(self) -> str:
        return f"{self.video} · {self.label}"


class UploadSession(models.Model):
    """One resumable (tus) upload: chunks are appended to ``temp_path`` until ``offset == size``."""

    id = models.UUIDField(
        _("编号"), primary_key=True, default=uuid.uuid4, editable=False, help_text=_("上传地址中的编号。")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.CASCADE,
        related_name="video_uploads",
        help_text=_("只有上传人自己可以续传。"),
    )
    video = models.OneToOneField(
        Video,
        verbose_name=_("视频"),
        on_delete=models.CASCADE,
        related_name="upload_session",
        help_text=_("上传开始时建立的视频记录（状态为“上传中”）。"),
    )
    filename = models.CharField(_("文件名"), max_length=255, help_text=_("客户端报告的文件名。"))
    size = models.BigIntegerField(_("总大小（字节）"), help_text=_("tus Upload-Length。"))
    offset = models.BigIntegerField(_("已接收（字节）"), default=0, help_text=_("已经写入临时文件的字节数。"))
    temp_path = models.CharField(
        _("临时文件"), max_length=500, help_text=_("服务器上保存已接收数据的临时文件路径。")
    )
    metadata = models.JSONField(
        _("元数据"), default=dict, blank=True, help_text=_("tus Upload-Metadata 解码后的内容。")
    )
    expires_at = models.DateTimeField(_("过期时间"), help_text=_("过期未完成的上传会被清理。"))
    completed_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("全部数据收到的时间。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, help_text=_("上传开始的时间。"))

    class Meta:
        verbose_name = _("上传会话")
        verbose_name_plural = _("上传会话")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.offset}/{self.size})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class VideoEvent(models.Model):
    """The transition log: every status change with who or what caused it and why."""

    video = models.ForeignKey(
        Video,
        verbose_name=_("视频"),
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("所属视频。"),
    )
    from_status = models.CharField(
        _("原状态"), max_length=20, choices=VideoStatus.choices, blank=True, help_text=_("变化前的状态。")
    )
    to_status = models.CharField(
        _("新状态"), max_length=20, choices=VideoStatus.choices, help_text=_("变化后的状态。")
    )
    reason = models.TextField(_("说明"), blank=True, help_text=_("状态变化的原因。"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("由用户触发时记录操作人；由后台任务触发时为空。"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True, help_text=_("状态变化的时间。"))

    class Meta:
        verbose_name = _("视频状态记录")
        verbose_name_plural = _("视频状态记录")
        ordering = ["video", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.video}: {self.from_status} → {self.to_status}"
