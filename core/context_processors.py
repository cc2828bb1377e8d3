"""Template context shared by every page."""

from django.conf import settings


def council(request):
    """The council running Homeward, shown in the header, footer and page titles."""
    return {"COUNCIL_NAME": settings.COUNCIL_NAME}
