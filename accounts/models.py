from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models

from core.models import PersonNameField


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    HOME_MANAGER = "home_manager", "Home manager"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor (Regulation 44)"
    BOARD_MEMBER = "board_member", "Corporate Parenting Board member"
    ADMINISTRATOR = "administrator", "Administrator / head of service"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"


# Who may be a child's key worker: the roles whose caseload includes the children they
# key-work (accounts.access.children_visible_to).
KEY_WORKER_ROLES = (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER)


class User(AbstractUser):
    """A person who signs in. Their role decides what they may see and do (accounts.access)."""

    first_name = PersonNameField("first name", max_length=150, blank=True)
    last_name = PersonNameField("last name", max_length=150, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    swe_registration = models.CharField(
        "Social Work England registration number",
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(
                r"^SW\d{1,9}$", "Enter the registration number as SW and numbers, like SW123456."
            )
        ],
        help_text="For social workers: their SW_ID in the DfE return, like SW123456",
    )

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def sw_id(self) -> str:
        """The social worker's identifier in the DfE return: their Social Work England number,
        else XX and their Homeward number (rule SW02 accepts SW or XX)."""
        return sw_id(self.swe_registration, self.pk)

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser


def sw_id(registration: str, pk: int) -> str:
    """A social worker's SW_ID from their registration number and Homeward number."""
    return registration or f"XX{pk:06d}"
