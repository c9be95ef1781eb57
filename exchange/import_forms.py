"""The browser import's forms: the upload, and which standard column each file column fills."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from exchange.importing.columns import columns_map, mapping_check
from exchange.importing.files import FileError
from exchange.jobs import UPLOAD_SUFFIXES
from exchange.layout import COLUMN_NAMES

ACCEPT = ",".join(
    (
        *UPLOAD_SUFFIXES,
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
)
# What each standard column holds, in the words of the registration form.
COLUMN_LABELS = {
    "record_id": _("Record's key in your system"),
    "given_name": _("Given name"),
    "given_name_latin": _("Given name (Latin)"),
    "father_name": _("Father's name"),
    "father_name_latin": _("Father's name (Latin)"),
    "grandfather_name": _("Grandfather's name"),
    "grandfather_name_latin": _("Grandfather's name (Latin)"),
    "family_name": _("Family name"),
    "family_name_latin": _("Family name (Latin)"),
    "sex": _("Sex"),
    "birth_date": _("Date of birth"),
    "phone": _("Phone numbers"),
    "document_type": _("Document type"),
    "document_number": _("Document number"),
    "household_id": _("Household"),
    "relationship": _("Relationship to the head"),
    "arrival_date": _("Arrival date"),
    "border_crossing": _("Border crossing or airport"),
    "returned_from": _("Returned from"),
    "return_type": _("Return type"),
    "province": _("Intended province"),
    "district": _("Intended district"),
}
IGNORE = ""


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ACCEPT, "class": "form-control form-control-lg"}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=100,
        required=False,
        help_text=_(
            "The system or list the file comes from; empty: the file's name. Import the same "
            "records again under the same source and they are updated, not added twice."
        ),
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "auto"}),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.max_bytes = settings.HOMEWARD_IMPORT_MAX_BYTES
        self.fields["file"].help_text = _(
            "CSV (comma, semicolon or tab separated), an Excel workbook (XLSX; the first sheet) or a "
            "KoBoToolbox/ODK export (JSON), at most %(size)s. The first row names the columns."
        ) % {"size": filesizeformat(self.max_bytes)}

    def clean(self):
        if self.too_large:
            # The upload was stopped while it arrived (exchange.import_views), so "file" is empty.
            self.errors.pop("file", None)
            self.add_error("file", self._too_large_message())
        return super().clean()

    def _too_large_message(self):
        return _("The file is larger than %(size)s, the most Homeward accepts. Split it into parts.") % {
            "size": filesizeformat(self.max_bytes)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _("%(name)s is not a CSV, XLSX or JSON file. Save it in one of those formats."),
                code="file_type",
                params={"name": Path(upload.name or "").name},
            )
        if upload.size > self.max_bytes:
            raise forms.ValidationError(self._too_large_message(), code="file_size")
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="file_empty")
        return upload


class ImportMappingForm(forms.Form):
    """One choice per column of the file: the standard column it fills, or none."""

    def __init__(self, *args, header: list[str], hxl_row: list[str] | None, initial_mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        self.hxl_row = hxl_row
        choices = [
            (IGNORE, _("— do not import —")),
            *((name, f"{COLUMN_LABELS.get(name, name)} · {name}") for name in COLUMN_NAMES),
        ]
        self.columns = []
        for index, name in enumerate(header):
            if not name:
                continue
            field_name = f"column_{index}"
            self.fields[field_name] = forms.ChoiceField(
                label=name,
                choices=choices,
                required=False,
                initial=initial_mapping.get(name, IGNORE),
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.columns.append((index, name, field_name))

    def clean(self):
        cleaned = super().clean()
        mapping = {name: cleaned.get(field_name) or IGNORE for _index, name, field_name in self.columns}
        try:
            self.mapping = mapping_check(mapping)
            columns_map(self.header, self.mapping, self.hxl_row)
        except FileError as error:
            raise forms.ValidationError(str(error), code="mapping") from error
        return cleaned
