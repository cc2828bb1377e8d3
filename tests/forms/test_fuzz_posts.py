"""Hypothesis fuzzing of every POST form the service has.

The forms are found, not listed: every page of the permission table (tests/access/rules_*.py,
which must name every URL in the URLconf) is opened as each role allowed to see it, and every
`<form method="post">` on it is fuzzed, with the sign-in, password and two-factor pages besides.
A new form, or a new button that posts, is fuzzed without a change here.

Each field gets its own value, its page's choices, or something hostile: impossible and far-off
dates, huge and negative numbers, long and unicode text, NUL bytes, markup and script, and the
ids of records that are someone else's. Every post must:

- never answer with a server error;
- change nothing when it is refused (row counts of every table, and the audit trail);
- never echo the markup it was sent unescaped, on the answer or on the page a saved post leads to.

Every page opened on the way (every page of the table, for every role allowed it) must also be
free of the inline script, event handlers and style attributes the Content-Security-Policy
refuses, and must show what is stored as text: before each page is opened, every name in the
database (children, homes, carers, staff...) and every free text (notes, reasons, findings) ends
in markup, as one typed into the admin or an import might.

Each post runs in a savepoint rolled back after it, so every one starts from the same council.
"""

import html.parser
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import connection, transaction
from django.db.models import CharField, TextField, Value
from django.db.models.functions import Concat, Left
from django.test import Client
from django.urls import resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from accounts.models import Role
from audit.models import AuditEvent
from core.search_select import SEARCH_BUTTON
from tests.access.catalogue import all_rules
from tests.factories import UserFactory
from tests.two_factor import app_device

EXAMPLES = 4  # generated posts per form, besides the three explicit ones (as_offered)
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same posts on every run, so CI is stable
    database=None,
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    suppress_health_check=list(HealthCheck),
)

# Markup that must never come back as markup.
MARKUP = [
    '<script>alert("homeward")</script>',
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "'><iframe src=//evil.example>",
]
HOSTILE = [
    "",
    " ",
    "\x00",
    "Ann\x00e",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "x" * 10_000,
    "Zoë Ōkafor-Ðuric ﷽ 😀",
    "\u202egnp.exe",
    "../../etc/passwd",
    "' OR 1=1 --",
    "31/02/2026",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "on",
    "true",
    *MARKUP,
]
DATE_PARTS = ["0", "-1", "29", "30", "31", "32", "2", "13", "1900", "2027", "99999", "9" * 20]
DATE_PART = re.compile(r"(-|_)(day|month|year|0|1|2)$")
# Rows written by any request, refused or not: sessions, sign-in attempts, throttles.
NOT_COUNTED = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
# The sign-in and password pages: forms outside the permission table, fuzzed all the same.
FRAMEWORK_POSTS = {"login", "logout", "password_change", "password_reset", "password_reset_confirm"}


@dataclass
class Field:
    name: str
    default: object = None  # what the page submits as it stands (a list for checkboxes)
    choices: list = field(default_factory=list)  # options, radios, checkboxes, buttons
    multiple: bool = False
    free_text: bool = False  # a text box or text area (not a choice, a date part or hidden)
    max_length: int = 100_000


@dataclass
class Form:
    action: str
    fields: dict = field(default_factory=dict)
    files: bool = False


class FormParser(html.parser.HTMLParser):
    """The POST forms of a page: each field's value as the page stands, and its choices."""

    def __init__(self, page_url):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form = None
        self._select = None
        self._textarea = None
        self.nested = []  # forms started inside a form, which a browser ignores

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if self._form is not None:
                self.nested.append(self.getpos())
            elif (a.get("method") or "get").lower() == "post":
                self._form = Form(urljoin(self.page_url, a.get("action") or self.page_url))
                self._form.files = "multipart" in (a.get("enctype") or "")
                self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.choices.append(value)
            if "selected" in a:
                self._select.default = value
        elif self._form is not None and a.get("name"):
            self._field(tag, a)

    def _field(self, tag, a):
        name = a["name"]
        found = self._form.fields.setdefault(name, Field(name))
        value = a.get("value") or ""
        kind = (a.get("type") or "text").lower() if tag == "input" else tag
        if kind == "checkbox":
            found.multiple = True
            found.choices.append(value or "on")
            found.default = found.default or []
            if "checked" in a:
                found.default.append(value or "on")
        elif kind in ("radio", "button", "submit"):
            found.choices.append(value)
            if "checked" in a:
                found.default = value
        elif kind == "select":
            found.multiple = "multiple" in a
            self._select = found
        elif kind == "textarea":
            found.free_text = True
            found.default = ""
            self._textarea = found
        else:
            self._form.files |= kind == "file"
            found.max_length = int(a.get("maxlength") or found.max_length)
            found.free_text = kind in ("text", "search", "email", "tel") and not DATE_PART.search(
                name
            )
            found.default = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.default += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_forms(response, page_url):
    parser = FormParser(page_url)
    parser.feed(response.content.decode())
    assert not parser.nested, f"{page_url}: a form inside a form, at (line, column) {parser.nested}"
    return parser.forms


def hostile_text(foreign_ids):
    ids = st.sampled_from(foreign_ids).map(str)
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=200),  # any unicode, NUL and control characters included
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
        ids,
        st.tuples(st.text(max_size=20), st.sampled_from(MARKUP)).map("".join),
    )


def field_value(f: Field, foreign_ids):
    defaults = f.default if isinstance(f.default, list) else [f.default or ""]
    hostile = hostile_text(foreign_ids)
    if DATE_PART.search(f.name):
        hostile = st.one_of(st.sampled_from(DATE_PARTS), hostile)
    one = st.one_of(st.sampled_from(defaults + f.choices), hostile)
    if f.multiple:
        return st.lists(one, max_size=3)
    return one


def form_data(form: Form, foreign_ids):
    """Every field filled (own value or hostile), some left out altogether."""
    strategies = {name: field_value(f, foreign_ids) for name, f in form.fields.items()}
    required = {n: s for n, s in strategies.items() if n == "csrfmiddlewaretoken"}
    optional = {n: s for n, s in strategies.items() if n not in required}
    return st.fixed_dictionaries(required, optional=optional)


def as_offered(form: Form, append: str):
    """The form as the page stands, with `append` added to every free-text field and the first
    real choice where none is made: the posts most likely to be saved, so the page they lead to
    shows what was typed."""
    data = {}
    for name, f in form.fields.items():
        if name == SEARCH_BUTTON:
            continue  # it shows a choice list's matches, unchecked
        value = f.default
        if f.free_text and len(f"{value or ''}{append}") <= f.max_length:
            value = f"{value or ''}{append}"
        elif not value and not f.multiple:
            value = next((c for c in f.choices if c), "")
        data[name] = value if value is not None else ""
    return data


def fingerprint():
    """Rows in every table (but sessions and sign-in attempts), and the audit trail's changes."""
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        }
        - NOT_COUNTED
    )
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    counts["audit changes"] = AuditEvent.objects.exclude(action=AuditEvent.Action.VIEW).count()
    return counts


INLINE_CODE = re.compile(
    r"<script\b(?![^>]*\b(?:src|nonce)=)[^>]*>"  # a script written in the page
    r"|<[a-z][^>]*\s(?:on[a-z]+|style)\s*="  # an event handler or style attribute
    r"|\bhref\s*=\s*[\"']?\s*javascript:",
    re.I,
)


def assert_no_inline_code(response, where):
    """The Content-Security-Policy refuses script, handlers and styles written in a page: a
    page that has them is broken in the browser (tests/browser check the pages they open)."""
    found = INLINE_CODE.findall(response.content.decode())
    assert not found, f"{where}: inline code the policy refuses: {found[:3]}"


STORED_MARKUP = "<b>!</b>"  # short, so a marked name still fits its column


def mark_stored_text():
    """End every stored name (each text column called name or ending in _name) and every free
    text in markup."""
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if (
                isinstance(f, TextField)
                or isinstance(f, CharField)
                and (f.name == "name" or f.name.endswith("_name"))
            )
            and not (f.choices or f.generated)
        ]
        if model._meta.managed and not model._meta.proxy and names:
            model._default_manager.update(
                **{
                    n: Concat(
                        Left(
                            n, (model._meta.get_field(n).max_length or 10_000) - len(STORED_MARKUP)
                        ),
                        Value(STORED_MARKUP),
                    )
                    for n in names
                }
            )


def assert_stored_text_escaped(response, where):
    body = response.content.decode(errors="replace")
    assert STORED_MARKUP not in body, f"{where}: stored markup came back unescaped"


def assert_escaped(response, where):
    body = response.content.decode(errors="replace")
    for markup in MARKUP:
        assert markup not in body, f"{where}: {markup!r} came back unescaped"


@dataclass
class Visit:
    """Who opens a page, and how far they have signed in."""

    user: object | None
    url: str
    two_factor: bool = True
    opens_session: bool = False  # the page puts what its form needs in the session

    def sign_in(self, client):
        client.logout()
        if self.user is not None and self.two_factor:
            client.force_login(self.user)  # VerifiedClient: password and code
        elif self.user is not None:
            Client.force_login(client, self.user)  # the password alone
        if self.opens_session:
            client.get(self.url, follow=True)


class Fuzzer:
    def __init__(self, client, foreign_ids, refusal_shows="govuk-error-summary"):
        self.client = client
        self.foreign_ids = foreign_ids
        self.refusal_shows = refusal_shows  # what a form sent back with errors must show
        self.posts = {}  # URL name -> posts made
        self.forms = set()  # (URL name, field names) of each form fuzzed
        self.refused = 0
        self.server_errors = 0

    def open(self, visit: Visit):
        """Open the page and fuzz every POST form on it not fuzzed yet."""
        visit.sign_in(self.client)
        page = self.client.get(visit.url, follow=True)
        assert page.status_code == 200, (visit.url, page.status_code)
        if not page["Content-Type"].startswith("text/html"):
            return  # a download
        assert_no_inline_code(page, visit.url)
        assert_stored_text_escaped(page, visit.url)
        url = page.request["PATH_INFO"]
        if visit.user is not None:
            assert url != reverse("login"), f"{visit.url}: {visit.user} was sent to sign in"
        if page.request.get("QUERY_STRING"):
            url += "?" + page.request["QUERY_STRING"]
        for form in post_forms(page, url):
            assert not form.files, f"{url}: a file upload needs size and type checks first"
            name = resolve(urlsplit(form.action).path).view_name
            if (name, frozenset(form.fields)) not in self.forms:
                self.fuzz(visit, form, name)

    def fuzz(self, visit, form, name):
        self.forms.add((name, frozenset(form.fields)))
        self.posts.setdefault(name, 0)

        @FUZZ_SETTINGS
        @given(data=form_data(form, self.foreign_ids))
        def post(data):
            with transaction.atomic():
                visit.sign_in(self.client)
                before = fingerprint()
                self.posts[name] += 1
                response = self.client.post(form.action, data)
                where = f"POST {name} {form.action} as {visit.user} with {data!r}"
                self.server_errors += response.status_code >= 500
                assert response.status_code < 500, where
                assert_escaped(response, where)
                if response.status_code in (301, 302, 303):
                    landing = response["Location"]
                    if landing.startswith("/") and not landing.startswith("/accounts/logout"):
                        assert_escaped(self.client.get(landing), f"{where} -> {landing}")
                else:
                    self.refused += 1
                    if response.status_code == 200 and SEARCH_BUTTON not in data:
                        assert self.refusal_shows in response.content.decode(), where
                    assert fingerprint() == before, f"{where}: refused, but records changed"
                transaction.set_rollback(True)

        for append in (MARKUP[0], MARKUP[1], "\x00"):
            post = example(data=as_offered(form, append))(post)
        post()


def foreign_ids(world):
    """Ids a post may name that are someone else's, or no one's."""
    return sorted(
        {
            world.other_child.pk,
            world.other_placement.pk,
            world.other_home.pk,
            *(u.pk for u in world.users.values()),
            0,
            2**31,
            2**63,
        }
    )


@pytest.fixture
def fuzzer(client, world):
    for user in world.users.values():
        app_device(user)  # made once, outside the rolled-back posts
    return Fuzzer(client, foreign_ids(world))


def framework_visits(world):
    """The sign-in, password and two-factor pages, each as the person who uses it."""
    admin = world.users[Role.ADMINISTRATOR]
    enrolling = UserFactory(username="enrolling", role=Role.SOCIAL_WORKER)
    token = default_token_generator.make_token(admin)
    uid = urlsafe_base64_encode(force_bytes(admin.pk))
    return [
        Visit(None, reverse("login")),
        Visit(None, reverse("password_reset")),
        Visit(None, reverse("password_reset_confirm", args=[uid, token]), opens_session=True),
        Visit(admin, reverse("password_change")),
        Visit(enrolling, reverse("accounts:two_factor_setup"), two_factor=False),
        Visit(admin, reverse("accounts:two_factor_verify"), two_factor=False),
    ]


def test_every_post_form_survives_fuzzing(fuzzer, world):
    rules = all_rules()
    for visit in framework_visits(world):
        fuzzer.open(visit)
    opened = set()
    for rule in rules:
        if rule.method != "get":
            continue
        for role in sorted(set(rule.allowed) - {r for n, r in opened if n == rule.url_name}):
            opened.add((rule.url_name, role))
            known = dict(vars(world))
            with transaction.atomic():  # a rule may add records, or change the world's
                url = reverse(rule.url_name, args=rule.args(world))
                if rule.query:
                    url += "?" + urlencode(rule.query(world))
                mark_stored_text()  # the records the rule added too
                fuzzer.open(Visit(world.users[role], url))
                transaction.set_rollback(True)
            vars(world).clear()  # forget the records the rule added: they are rolled back
            vars(world).update(known)

    for rule in rules:  # POST-only URLs whose button no page of the world shows
        if rule.method == "post" and rule.allowed and rule.url_name not in fuzzer.posts:
            with transaction.atomic():
                url = reverse(rule.url_name, args=rule.args(world))
                data = rule.data(world) if rule.data else {}
                form = Form(url, {k: Field(k, [str(v)]) for k, v in data.items()})
                fuzzer.fuzz(Visit(world.users[min(rule.allowed)], url), form, rule.url_name)
                transaction.set_rollback(True)

    posted = {r.url_name for r in rules if r.method == "post"} | FRAMEWORK_POSTS
    missing = posted - set(fuzzer.posts)
    assert not missing, f"POST URLs with no form found on any page: {sorted(missing)}"
    total = sum(fuzzer.posts.values())
    print(
        f"\nfuzzed {len(fuzzer.forms)} forms posting to {len(fuzzer.posts)} URLs with {total} posts: "
        f"{fuzzer.refused} refused, {fuzzer.server_errors} server errors"
    )


@pytest.mark.parametrize(
    "data",
    [
        {"first_name": "x" * (3 * 1024 * 1024)},  # past DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
        {f"field{n}": "x" for n in range(1001)},  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
    ],
    ids=["3 MB", "1001 fields"],
)
def test_an_oversized_post_is_refused_and_saves_nothing(client, world, data):
    """No form takes a file (the fuzzing above fails on any file field); a post too large in
    bytes or fields is refused before any view sees it."""
    client.force_login(world.users[Role.SOCIAL_WORKER])
    before = fingerprint()
    response = client.post(reverse("children:new"), data)
    assert response.status_code == 400
    assert fingerprint() == before
