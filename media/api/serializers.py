"""API representations of videos (read-only: writes go through the tus upload and the actions)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Rendition, Subtitle, Video
from ..selectors import video_playback


class RenditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rendition
        fields = ["name", "width", "height", "bandwidth", "codecs"]


class SubtitleSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("WebVTT 字幕文件地址"))

    class Meta:
        model = Subtitle
        fields = ["language", "label", "url"]

    def get_url(self, subtitle: Subtitle) -> str:
        return subtitle.vtt.url if subtitle.vtt else ""


class PlaybackSerializer(serializers.Serializer):
    hls = serializers.CharField(help_text=_("HLS 主播放列表地址（hls.js 或原生 HLS 播放）"))
    mp4 = serializers.CharField(help_text=_("不支持 HLS 时使用的 MP4 地址"))
    poster = serializers.CharField(help_text=_("封面图片地址"))
    thumbnails = serializers.CharField(help_text=_("拖动预览缩略图的 WebVTT 索引地址"))


class VideoSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    renditions = RenditionSerializer(many=True, read_only=True)
    subtitles = SubtitleSerializer(many=True, read_only=True)
    playback = serializers.SerializerMethodField(help_text=_("可播放时的播放地址，否则为空"))

    class Meta:
        model = Video
        fields = [
            "uid", "title", "status", "status_display", "stage", "stage_display", "percent", "error_reason",
            "original_name", "size", "duration", "width", "height", "attempts", "renditions", "subtitles",
            "playback", "created_at", "updated_at", "processed_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_playback(self, video: Video) -> dict[str, Any] | None:
        playback = video_playback(video=video)
        if playback is None:
            return None
        return PlaybackSerializer(playback).data


class VideoManagerSerializer(VideoSerializer):
    """For the uploader and staff: the tail of ffmpeg's stderr after a failure."""

    class Meta(VideoSerializer.Meta):
        fields = [*VideoSerializer.Meta.fields, "stderr_tail"]
        read_only_fields = fields


class VideoUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, help_text=_("新的标题"))
