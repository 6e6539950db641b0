"""Moving files between a worker's local disk and Django's storage (local files or S3 alike)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage

COPY_CHUNK = 8 * 1024 * 1024


class LocalFile(File):
    """A local file that FileSystemStorage may *move* into place (rename) instead of copying.

    Other storages ignore ``temporary_file_path`` and stream the content as usual.
    """

    def temporary_file_path(self) -> str:
        return str(self.name)


def storage_put(name: str, path: Path, *, storage: Storage = default_storage, move: bool = False) -> str:
    """Store the local file ``path`` under exactly ``name`` (replacing what is there); return the name."""
    if storage.exists(name):
        storage.delete(name)
    with path.open("rb") as handle:
        content = LocalFile(handle, name=str(path)) if move else File(handle, name=path.name)
        return storage.save(name, content)


def storage_put_tree(
    prefix: str,
    root: Path,
    *,
    storage: Storage = default_storage,
    after_each: Callable[[], None] | None = None,
) -> list[str]:
    """Store every file under ``root`` below ``prefix``, keeping relative paths (playlists refer to them)."""
    names = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        names.append(
            storage_put(f"{prefix}/{path.relative_to(root).as_posix()}", path, storage=storage, move=True)
        )
        if after_each is not None:
            after_each()
    return names


def storage_delete_tree(prefix: str, *, storage: Storage = default_storage) -> None:
    """Delete everything below ``prefix`` (a folder in storage)."""
    try:
        local = Path(storage.path(prefix))
    except NotImplementedError:
        local = None
    if local is not None:
        shutil.rmtree(local, ignore_errors=True)
        return
    if not storage.exists(prefix) and not _has_children(prefix, storage):
        return
    dirs, files = storage.listdir(prefix)
    for name in files:
        storage.delete(f"{prefix}/{name}")
    for name in dirs:
        storage_delete_tree(f"{prefix}/{name}", storage=storage)


def _has_children(prefix: str, storage: Storage) -> bool:
    try:
        dirs, files = storage.listdir(prefix)
    except (FileNotFoundError, NotImplementedError):
        return False
    return bool(dirs or files)


def storage_subdirs(prefix: str, *, storage: Storage = default_storage) -> list[str]:
    try:
        dirs, _files = storage.listdir(prefix)
    except FileNotFoundError:
        return []
    return sorted(dirs)


def storage_local_path(name: str, scratch: Path, *, storage: Storage = default_storage) -> Path:
    """A local path to read ``name`` from: the file itself on local storage, else a copy in ``scratch``.

    The original is only ever read, never written.
    """
    try:
        local = Path(storage.path(name))
    except NotImplementedError:
        local = None
    if local is not None:
        if not local.exists():
            raise FileNotFoundError(name)
        return local
    target = scratch / ("source" + Path(name).suffix)
    with storage.open(name, "rb") as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy, COPY_CHUNK)
    return target
