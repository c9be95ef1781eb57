from django import forms
from django.utils.translation import gettext_lazy as _

from api.services import NAME_MAX_LENGTH


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What will use the token, so that you know which one to revoke later."),
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "placeholder": _("e.g. monthly report script"),
                "autocomplete": "off",
            }
        ),
    )
