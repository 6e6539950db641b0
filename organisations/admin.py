"""The organisation tree in /django-admin/ for site admins: drag-and-drop moves with treebeard's TreeAdmin."""

from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ("name", "short_name", "code", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "code")
