"""Who may upload videos and who may manage one (see its status, retry it, add subtitles)."""

import rules

from accounts.rules import is_master, is_site_admin, is_union_staff
from organisations.selectors import scope_for_user


@rules.predicate
def owns_video(user, video) -> bool:  # type: ignore[no-untyped-def]
    return bool(video is not None and user.is_authenticated and video.owner_id == user.pk)


@rules.predicate
def manages_video_organisation(user, video) -> bool:  # type: ignore[no-untyped-def]
    """Union staff manage the videos of their organisation and everything below it.

    Decided by ``organisations.selectors.scope_for_user``, the one place where staff scoping lives.
    """
    if video is None or video.pk is None:
        return False
    return scope_for_user(type(video).objects.filter(pk=video.pk), user=user).exists()


can_upload_video = is_site_admin | is_union_staff | is_master
can_manage_video = is_site_admin | (is_union_staff & manages_video_organisation) | owns_video

rules.add_perm("media.upload_video", can_upload_video)
can_watch_video = rules.is_authenticated

rules.add_perm("media.manage_video", can_manage_video)
rules.add_perm("media.watch_video", can_watch_video)
