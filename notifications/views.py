from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import role_of
from core.lists import page_of

from . import selectors, services


def _signed_in_with_a_role(request):
    # Everyone with a role may read their own notifications; an account without one has none.
    if role_of(request.user) is None:
        raise Http404


def notification_list(request):
    _signed_in_with_a_role(request)
    page = page_of(request, selectors.notifications_for(request.user), selectors.PAGE_SIZE)
    page.object_list = selectors.with_child_names(request.user, page.object_list)
    return render(request, "notifications/list.html", {"page": page})


@require_POST
def mark_read(request, pk):
    _signed_in_with_a_role(request)
    if not selectors.notifications_for(request.user).filter(pk=pk).exists():
        raise Http404
    services.mark_read(request.user, pk)
    return redirect("notifications:list")


@require_POST
def mark_all_read(request):
    _signed_in_with_a_role(request)
    count = services.mark_all_read(request.user)
    if count:
        messages.success(
            request, f"{count} notification{'s' if count != 1 else ''} marked as read."
        )
    return redirect("notifications:list")
