"""A session that ends while a form is open loses nothing.

When a form is posted by someone whose session has expired, `FormRescueMiddleware` keeps what
they typed (never the CSRF token or passwords, never files) in a new anonymous session, and
LoginRequiredMiddleware then sends them to sign in with `next` set to the form's page. Signing in
keeps the session's data, so when they come back to the page, `form_data(request)` hands the
view the kept answers and shows a notice asking them to check and save again.

To use it in a form view (the form must post to its own URL, as Django form views do):

    form = MyForm(form_data(request), instance=obj)   # function view: POST, rescued, or None

    class MyView(FormView):                            # class-based view
        def get_form_kwargs(self):
            kwargs = super().get_form_kwargs()
            if (rescued := form_data(self.request)) is not None:
                kwargs["data"] = rescued
            return kwargs

A hidden record version in the form (core.conflicts) still guards against a stale save.
"""

from django.contrib import messages
from django.http import QueryDict

SESSION_KEY = "rescued_form"
NOTICE = "Your session ended; we kept what you typed — check and save again."
MAX_KEPT_CHARACTERS = 100_000  # a form, not an upload
NEVER_KEPT = ("csrfmiddlewaretoken",)


def _kept(name: str) -> bool:
    return name not in NEVER_KEPT and "password" not in name.lower()


class FormRescueMiddleware:
    """Sits just before LoginRequiredMiddleware, which does the redirect to sign in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and getattr(view_func, "login_required", True)
        ):
            answers = {k: v for k, v in request.POST.lists() if _kept(k)}
            if answers and sum(len(v) for values in answers.values() for v in values) <= (
                MAX_KEPT_CHARACTERS
            ):
                request.session[SESSION_KEY] = {"path": request.path, "data": answers}
        return None


def form_data(request):
    """What the form on this page should be bound to: the POST, the answers kept when the
    session ended (once, with a notice), or None for an empty form."""
    if request.method == "POST":
        return request.POST
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    data = QueryDict(mutable=True)
    for name, values in kept["data"].items():
        data.setlist(name, values)
    messages.warning(request, NOTICE)
    return data
