"""API versioning: the version of a request comes from its URL namespace (/api/v1/ → "v1").

DRF's plain ``NamespaceVersioning`` answers 404 "invalid version" for every DRF view whose namespace is
not a version, which includes Wagtail's own admin API (/admin/api/main/pages/, used by the page
explorer and choosers). Such views simply stay unversioned here, and the schema leaves them out.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.versioning import NamespaceVersioning


class ApiNamespaceVersioning(NamespaceVersioning):
    def determine_version(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        match = getattr(request, "resolver_match", None)
        namespaces = match.namespace.split(":") if match is not None and match.namespace else []
        if not any(self.is_allowed_version(namespace) for namespace in namespaces):
            return self.default_version
        return super().determine_version(request, *args, **kwargs)
