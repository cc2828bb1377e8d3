"""Reading children's records and the lists built from them, in a fixed number of queries.
Their placements, caseloads and stay limits are read by placements.selectors."""

from django.db.models import F, Prefetch

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


def matching(query: str):
    """Each word typed is part of the child's name or local identifier, or their whole UPN
    (a Q; None when nothing was typed). Read from the column the database keeps in search
    form, so a search of the whole register reads only the children it finds."""
    return every_word(query, F("search_text"), exactly=("upn",))


def search_children(user, query: str):
    """Children this person may see who match every word typed."""
    children = children_visible_to(user)
    if (found := matching(query)) is not None:
        children = children.filter(found)
    return children.select_related("social_worker")
