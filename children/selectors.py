"""Reading children's records and the lists built from them, in a fixed number of queries.
Their placements, caseloads and stay limits are read by placements.selectors."""

from django.db.models import Prefetch, Q

from accounts.access import children_visible_to

from .models import KeyWorkerAllocation, SocialWorkerEpisode

SEARCH_PAGE_SIZE = 25


def child_record(user, pk):
    """The child, if this person may see them, with everything the record page shows."""
    return (
        children_visible_to(user)
        .select_related("social_worker", "key_worker", "care_leaver__personal_adviser")
        .prefetch_related(
            Prefetch(
                "key_worker_history",
                queryset=KeyWorkerAllocation.objects.select_related("person"),
            ),
            Prefetch(
                "social_worker_episodes",
                queryset=SocialWorkerEpisode.objects.select_related("social_worker"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def search_children(user, query: str):
    """Children this person may see whose name, local identifier or UPN matches every word."""
    children = children_visible_to(user)
    for word in query.split()[:5]:
        children = children.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(local_id__iexact=word)
            | Q(upn__iexact=word)
        )
    return children.select_related("social_worker")
