import factory

from organisations.models import Organisation, OrganisationKind


class OrganisationFactory(factory.Factory):
    """Builds a node: ``OrganisationFactory(parent=...)`` for a child, without parent for a root."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试工会{n}")
    code = factory.Sequence(lambda n: f"org-{n}")
    kind = OrganisationKind.DISTRICT

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):  # type: ignore[no-untyped-def]
        node = model_class(*args, **kwargs)
        if parent is None:
            return Organisation.add_root(instance=node)
        return Organisation.objects.get(pk=parent.pk).add_child(instance=node)

    @classmethod
    def _build(cls, model_class, *args, parent=None, **kwargs):  # type: ignore[no-untyped-def]
        return model_class(*args, **kwargs)
