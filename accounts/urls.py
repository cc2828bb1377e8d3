from django.urls import path

from . import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("people/<str:field>/", views.people, name="people"),
    path("sign-in/two-factor/setup/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path("sign-in/two-factor/", two_factor_views.two_factor_verify, name="two_factor_verify"),
]
