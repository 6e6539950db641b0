import factory
from factory.django import DjangoModelFactory

from studios.models import Industry, Studio, StudioLevel
from tests.accounts.factories import MasterFactory


class StudioFactory(DjangoModelFactory):
    class Meta:
        model = Studio
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试创新工作室{n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")
    lead = factory.SubFactory(MasterFactory, organisation=factory.SelfAttribute("..organisation"))
    industry = Industry.MANUFACTURING
    level = StudioLevel.CITY

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.members.set({obj.lead, *(extracted or [])})
