from django import forms
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("zh-Hans", _("简体中文")),
    ("en", _("英语")),
    ("zh-Hant", _("繁体中文")),
]


class SubtitleForm(forms.Form):
    language = forms.ChoiceField(
        label=_("语言"), choices=LANGUAGE_CHOICES, help_text=_("同一语言再次上传会替换原来的字幕。")
    )
    label = forms.CharField(
        label=_("显示名称"),
        max_length=40,
        required=False,
        help_text=_("播放器字幕菜单里显示的名称，可留空。"),
    )
    file = forms.FileField(label=_("字幕文件"), help_text=_("SRT 或 WebVTT 格式，最大 2 MB。"))


class VideoTitleForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
