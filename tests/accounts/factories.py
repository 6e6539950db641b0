import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from accounts.services import user_role_sync

DEFAULT_PASSWORD = "Jianglian-2026"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"职工{n}")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    role = Role.WORKER
    organisation = None
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def sync_roles(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()
            user_role_sync(user=obj)


class MasterFactory(UserFactory):
    role = Role.MASTER


class UnionStaffFactory(UserFactory):
    role = Role.UNION_STAFF


class SiteAdminFactory(UserFactory):
    role = Role.ADMIN
    is_superuser = True
    is_staff = True
