from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language", "calendar", "digits"]
        widgets = {name: forms.Select(attrs={"class": "form-select"}) for name in fields}


class CodeForm(forms.Form):
    """The six digits an authenticator app shows."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError(_("Type the 6 digits your authenticator app shows."), code="format")
        return code


class RecoveryCodeForm(forms.Form):
    """One of the ten recovery codes given when two-step sign-in was turned on."""

    code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        help_text=_(
            "Ten letters and digits, as printed when you turned on two-step sign-in (e.g. abcde-23456)."
        ),
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
                "dir": "ltr",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        from accounts import second_factor

        code = self.cleaned_data["code"]
        if not second_factor.looks_like_recovery_code(code):
            raise forms.ValidationError(
                _("A recovery code has ten letters and digits, like abcde-23456."), code="format"
            )
        return code
