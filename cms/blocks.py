"""StreamField blocks shared by every page type; templates live in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=80)
    level = blocks.ChoiceBlock(
        label=_("级别"), choices=[("h2", _("二级标题")), ("h3", _("三级标题"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("标题")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("说明"), required=False, max_length=120)
    alt = blocks.CharBlock(label=_("替代文字"), required=False, max_length=120, help_text=_("供读屏软件朗读。"))

    class Meta:
        icon = "image"
        label = _("图片")
        template = "blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False, max_length=80)

    class Meta:
        icon = "openquote"
        label = _("引用")
        template = "blocks/quote_block.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("显示名称"), required=False, max_length=80)

    class Meta:
        icon = "doc-full"
        label = _("附件")
        template = "blocks/attachment_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("正文"), features=["bold", "italic", "link", "ol", "ul", "h3"], template="blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    attachment = AttachmentBlock()
