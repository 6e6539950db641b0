"""Videos in a given state, without running the pipeline (tests of the pipeline upload real files)."""

from __future__ import annotations

import factory

from media.models import Video, VideoStage, VideoStatus


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"视频 {n}")
    owner = None
    organisation = factory.LazyAttribute(lambda o: o.owner.organisation if o.owner else None)
    original = factory.LazyAttribute(lambda o: "videos/sample/original.mp4")
    original_name = "sample.mp4"
    size = 1024
    status = VideoStatus.UPLOADED
    stage = VideoStage.QUEUED
