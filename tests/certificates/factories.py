from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from certificates.models import Certificate
from tests.accounts.factories import UserFactory
from tests.assessments.factories import QuizFactory


class CertificateFactory(DjangoModelFactory):
    """A certificate whose source is a quiz (any saved model would do)."""

    class Meta:
        model = Certificate
        exclude = ["source_object"]

    recipient = factory.SubFactory(UserFactory, real_name="张小伟")
    recipient_name = factory.LazyAttribute(lambda c: c.recipient.real_name)
    title = "数控车床操作与维护"
    hours = Decimal("12.5")
    issuer = "李斌数控技术创新工作室"
    source_object = factory.SubFactory(QuizFactory)
    source_content_type = factory.LazyAttribute(lambda c: ContentType.objects.get_for_model(c.source_object))
    source_object_id = factory.LazyAttribute(lambda c: c.source_object.pk)
