"""Reactions to media signals, connected in RecordingsConfig.ready(): the search documents of the recordings
that show a video follow its subtitles (page changes are search's own: search/signal_handlers.py)."""

from __future__ import annotations

from typing import Any


def on_video_text_changed(sender: Any, video: Any, **kwargs: Any) -> None:
    """A video's subtitles changed or it became ready: reindex the recordings that show it."""
    from search.tasks import search_update_enqueue

    from .models import RecordingPage
    from .search_documents import RECORDING

    ids = list(RecordingPage.objects.filter(video=video).values_list("pk", flat=True))
    search_update_enqueue(kind=RECORDING, ids=ids)
