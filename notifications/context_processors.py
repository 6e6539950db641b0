from django.http import HttpRequest

from .selectors import notification_unread_count


def unread_notifications(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0}
    return {"unread_notification_count": notification_unread_count(user=user)}
