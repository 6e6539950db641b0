"""Form widgets other apps use: ``VideoChooser`` picks a processed video in the Wagtail admin.

from media.widgets import VideoChooser
panels = [FieldPanel("video", widget=VideoChooser)]
"""

from .choosers import video_chooser_viewset

VideoChooser = video_chooser_viewset.widget_class

__all__ = ["VideoChooser"]
