from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", views.SignOutView.as_view(), name="logout"),
    path("accounts/preferences/", views.preferences, name="preferences"),
    path("accounts/language/", views.language_switch, name="language"),
    path("accounts/two-factor/", views.second_factor_setup, name="second-factor"),
    path("accounts/two-factor/qr.svg", views.second_factor_qr, name="second-factor-qr"),
    path("accounts/two-factor/verify/", views.second_factor_verify, name="second-factor-verify"),
    path("accounts/two-factor/recover/", views.second_factor_recover, name="second-factor-recover"),
    path("accounts/two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
]
