from django import forms

from accounts.models import User


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language", "calendar", "digits"]
        widgets = {name: forms.Select(attrs={"class": "form-select"}) for name in fields}
