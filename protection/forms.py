from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import SensitiveCategory


class SensitiveNoteForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=(), widget=forms.Select(attrs={"class": "form-select"})
    )
    text = forms.CharField(
        label=_("Note"), max_length=10000, widget=forms.Textarea(attrs={"class": "form-control", "rows": 5})
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (value, label) for value, label in SensitiveCategory.choices if value in categories
        ]
