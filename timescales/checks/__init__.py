"""The statutory and service checks. Importing this package registers them all."""

from . import stays  # noqa: F401
