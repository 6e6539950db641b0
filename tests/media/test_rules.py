"""Who may upload, manage and watch a video: owner, union staff of the owner's subtree, site admin."""

from __future__ import annotations

import pytest

from media.selectors import video_get_managed, video_get_playable, videos_for_user

from .factories import VideoFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("person", "can_upload"),
    [("admin", True), ("city_staff", True), ("staff_a", True), ("master_a", True), ("worker_a", False)],
)
def test_who_uploads(people, person, can_upload):
    assert people[person].has_perm("media.upload_video") is can_upload


@pytest.mark.parametrize(
    ("person", "manages"),
    [
        ("admin", True),
        ("city_staff", True),  # the whole tree
        ("staff_a", True),  # 金水区 and below: the master's enterprise is there
        ("staff_b", False),  # another district
        ("master_a", True),  # the owner
        ("master_b", False),
        ("worker_a", False),  # same enterprise, but a learner
    ],
)
def test_who_manages_a_masters_video(people, person, manages):
    video = VideoFactory(owner=people["master_a"], status="failed")
    # fresh from the database: adding 二七区 after 金水区 re-sorts the tree paths under the fixture's objects
    user = type(people[person]).objects.select_related("organisation").get(pk=people[person].pk)
    assert user.has_perm("media.manage_video", video) is manages
    assert (video_get_managed(user=user, uid=video.uid) is not None) is manages
    assert videos_for_user(user=user).filter(pk=video.pk).exists() is manages
    # a failed video is only visible to its managers; a ready one to every signed-in user
    assert (video_get_playable(user=user, uid=video.uid) is not None) is manages


def test_ready_videos_play_for_signed_in_users_only(people):
    from django.contrib.auth.models import AnonymousUser

    video = VideoFactory(owner=people["master_a"], status="ready")
    assert video_get_playable(user=people["worker_a"], uid=video.uid) == video
    assert video_get_playable(user=people["master_b"], uid=video.uid) == video
    assert video_get_playable(user=AnonymousUser(), uid=video.uid) is None
