"""Reading children's records and the lists built from them, in a fixed number of queries.
Their placements, caseloads and stay limits are read by placements.selectors."""

from django.db.models import Prefetch

from accounts.access import children_visible_to
from core.text_search import every_word

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
    matching = every_word(query, "first_name", "last_name", exactly=("local_id", "upn"))
    if matching is not None:
        children = children.filter(matching)
    return children.select_related("social_worker")
