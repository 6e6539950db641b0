"""Signals other apps listen to (the media app never calls them directly).

``video_ready(sender=Video, video=<Video>)`` is sent after a processing run has been committed with
status "ready": features that show the video (lessons, recordings) reindex or notify from their own handler.

``video_subtitles_changed(sender=Video, video=<Video>)`` is sent after subtitles of the video were added,
replaced or deleted (committed): features that put ``selectors.video_search_text`` into their search
documents reindex from it.
"""

from django.dispatch import Signal

video_ready = Signal()
video_subtitles_changed = Signal()
