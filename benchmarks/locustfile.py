"""The load mix for benchmarks/load.py: people of three roles using Homeward at once, with no
pause between pages (so the figures compare with the floor's), plus the floor itself.

benchmarks/load.py writes the plan this reads (LOAD_PLAN): signed-in session cookies per role
and the records each person works on. Social workers also book the same few carer households'
places for their children at the same time; the rules must refuse what does not fit.
"""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, constant, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = constant(0)

    def on_start(self):
        people = PLAN["people"][self.role]
        self.me = people[random.randrange(len(people))]
        self.client.cookies.set("sessionid", self.me["session"])

    def page(self, url, name):
        """A page that answers anything but 200 (a redirect to sign in, a refusal) counts as a
        failure, so the figures are always of the page itself."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as got:
            if got.status_code != 200:
                got.failure(f"answered {got.status_code}")

    def any_of(self, key):
        return random.choice(self.me[key]) if self.me[key] else None


class Floor(Person):
    """The cheapest logged-in page there is: the change-password form (same middleware)."""

    role = "social_worker"

    @task
    def floor(self):
        self.page("/accounts/password_change/", "floor: change password form")


class SocialWorker(Person):
    role = "social_worker"
    weight = 6

    @task(5)
    def my_work(self):
        self.page("/", "my work")

    @task(4)
    def child_record(self):
        if child := self.any_of("children"):
            self.page(f"/children/{child}/", "child record")

    @task(2)
    def vacancy_search(self):
        self.page(f"/homes/vacancies/?start={PLAN['day']}", "vacancy search")

    @task(2)
    def placement_form(self):
        self.page("/placements/new/", "placement form")

    @task(2)
    def search_a_child(self):
        self.page(
            f"/placements/choices/child/?child_q={self.me['search']}", "placement form search"
        )

    @task(1)
    def move_form(self):
        if stay := self.any_of("placements"):
            self.page(f"/placements/{stay}/move/", "move form")

    @task(1)
    def extension_form(self):
        if stay := self.any_of("home_placements"):
            self.page(f"/placements/{stay}/extension/", "extension request form")

    @task(1)
    def book_a_place(self):
        """Ask for one of the contested carer places for a child with no open placement."""
        if not self.me["free_children"]:
            return
        form = self.client.get("/placements/new/", name="placement form", allow_redirects=False)
        token = CSRF.search(form.text)
        if not token:
            return
        # Booked (a redirect to the placement) or refused by the rules (the form again, with
        # the reason): both are right answers when every social worker wants the same places.
        with self.client.post(
            "/placements/new/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "child": random.choice(self.me["free_children"]),
                "carer": random.choice(PLAN["contested_carers"]),
                "start_date": PLAN["day"],
                "legal_status": "C2",
                "purpose": "Load test booking",
            },
            headers={"Referer": self.host + "/placements/new/"},
            name="placement booking (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as booked:
            if booked.status_code not in (200, 302):
                booked.failure(f"answered {booked.status_code}")


class HomeManager(Person):
    role = "home_manager"
    weight = 3

    @task(3)
    def my_work(self):
        self.page("/", "my work")

    @task(3)
    def occupancy(self):
        self.page("/homes/occupancy/", "occupancy")

    @task(2)
    def home(self):
        if home := self.any_of("homes"):
            self.page(f"/homes/{home}/", "home page")

    @task(1)
    def child_record(self):
        if child := self.any_of("children"):
            self.page(f"/children/{child}/", "child record")


class Administrator(Person):
    role = "administrator"
    weight = 1

    @task(2)
    def my_work(self):
        self.page("/", "my work")

    @task(2)
    def extensions(self):
        self.page("/placements/extensions/", "extension requests")

    @task(1)
    def occupancy(self):
        self.page("/homes/occupancy/", "occupancy")
