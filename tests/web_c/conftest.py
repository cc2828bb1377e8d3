import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Factory users get hashed passwords; the default hasher costs seconds per test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def date_fields(name, day) -> dict:
    """A date as the GOV.UK day, month and year inputs post it."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
