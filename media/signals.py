"""Signals other apps listen to (the media app never calls them directly).

``video_ready(sender=Video, video=<Video>)`` is sent after a processing run has been committed with
status "ready": features that show the video (lessons, recordings) reindex or notify from their own handler.
"""

from django.dispatch import Signal

video_ready = Signal()
