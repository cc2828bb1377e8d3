from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    HOME_MANAGER = "home_manager", "Home manager"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor (Regulation 44)"
    BOARD_MEMBER = "board_member", "Corporate Parenting Board member"
    ADMINISTRATOR = "administrator", "Administrator / head of service"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"


class User(AbstractUser):
    """A person who signs in. Their role decides what they may see and do (accounts.access)."""

    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser
