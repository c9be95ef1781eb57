"""The figures an analyst, supervisor or administrator may see: counts only, never a person.

Everything starts from ``policy.people_counted_for`` and ``policy.returnees_counted_for``. Each
table is one GROUP BY (or one conditional aggregate for the months), so the page costs the same
handful of queries for a hundred people or a million; no person is loaded into Python.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from access import policy
from calendars import display
from calendars.months import Month, MonthError, reader_uses_solar_hijri
from core.i18n import translated_label
from people.models import Sex
from reports import suppression
from reports.suppression import Line

MONTHS = 12

# Age groups as humanitarian figures usually give them (children under 5, children, adults,
# older people); the age is on the day the figures are read.
AGE_GROUPS = (
    ("0-4", pgettext_lazy("age group", "0–4 years"), 0, 5),
    ("5-17", pgettext_lazy("age group", "5–17 years"), 5, 18),
    ("18-59", pgettext_lazy("age group", "18–59 years"), 18, 60),
    ("60+", pgettext_lazy("age group", "60 years and over"), 60, None),
)
AGE_UNKNOWN = ("unknown", pgettext_lazy("age group", "age not recorded"))
SEXES = tuple((code, label) for code, label in Sex.choices)
NOT_RECORDED = pgettext_lazy("figures", "not recorded")


@dataclass
class Cell:
    label: str
    count: int
    state: str = suppression.SHOWN

    @property
    def shown(self) -> str:
        """The count as published: "<5", "×" or the number."""
        if self.state == suppression.SMALL:
            return f"<{policy.SMALL_COUNT}"
        if self.state == suppression.HIDDEN:
            return "×"
        return str(self.count)

    @property
    def local(self) -> str:
        """As published, in the reader's digits (the page; the CSV keeps Latin digits)."""
        return display.with_digits(self.shown)


@dataclass
class Table:
    key: str
    title: str
    rows: list[Cell]
    total: Cell | None = None


@dataclass
class Grid:
    """People by sex (columns) and age group (rows), with both margins."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell], Cell]]
    column_totals: list[Cell]
    total: Cell


@dataclass
class Figures:
    registered: Cell
    returnees: Cell
    months: Table
    tables: list[Table] = field(default_factory=list)
    grid: Grid | None = None
    counted_at: datetime.datetime | None = None

    @property
    def is_empty(self) -> bool:
        return self.registered.count == 0 and self.returnees.count == 0


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_group(today: datetime.date) -> Case:
    """The age group of a person's birth date, as SQL (oldest group first: the first match wins)."""
    cases = [When(birth_on__isnull=True, then=Value(AGE_UNKNOWN[0]))]
    for code, _label, youngest, _oldest in reversed(AGE_GROUPS):
        cases.append(When(birth_on__lte=_years_before(today, youngest), then=Value(code)))
    return Case(*cases, default=Value(AGE_GROUPS[0][0]), output_field=CharField())


def _last_months(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The last ``MONTHS`` months of the reader's calendar, oldest first, as [first, next first)."""
    solar = reader_uses_solar_hijri()
    try:
        current = Month.of(today, solar_hijri=solar)
    except MonthError:
        current = Month.of(today, solar_hijri=False)
        solar = False
    spans = []
    for back in range(MONTHS - 1, -1, -1):
        month = current.shifted(-back)
        if month is None:
            continue
        days = month.days()
        spans.append((days[0], days[-1] + datetime.timedelta(days=1)))
    return spans


def figures_kept_for(*, actor) -> Figures:
    """``figures_for`` as counted at most ``HOMEWARD_FIGURES_MINUTES`` ago for the same scope,
    language, calendar and digits (``counted_at`` says when). At a million people the counting takes a few
    seconds, and figures a few minutes old serve supervisors and donors as well; what is kept is
    counts only, already suppressed, under a key that names the scope."""
    # The labels are in the reader's language, calendar (month names) and digits: all in the key.
    dates = display.active_preferences()
    key = ":".join(
        (
            "homeward-figures",
            policy.counting_scope_key(actor),
            translation.get_language() or "",
            dates.calendar or "usual",
            dates.digits or "usual",
            timezone.localdate().isoformat(),
        )
    )
    figures = cache.get(key)
    if figures is None:
        figures = figures_for(actor=actor)
        figures.counted_at = timezone.now()
        cache.set(key, figures, timeout=settings.HOMEWARD_FIGURES_MINUTES * 60)
    return figures


def figures_for(*, actor, today: datetime.date | None = None) -> Figures:
    """Every table of the figures page, suppressed. Raises nothing: an empty scope gives zeros."""
    today = today or timezone.localdate()
    people = policy.people_counted_for(actor)
    returnees = policy.returnees_counted_for(actor)
    counts: dict = {}
    lines: list[Line] = []
    labels: dict = {}

    # People by sex and age group (one GROUP BY); the margins and the total are their sums.
    by_sex_age = {
        (row["sex"], row["age_group"]): row["n"]
        for row in people.order_by()
        .annotate(age_group=_age_group(today))
        .values("sex", "age_group")
        .annotate(n=Count("pk"))
    }
    ages = [(code, label) for code, label, *_ in AGE_GROUPS] + [AGE_UNKNOWN]
    sexes = list(SEXES)
    for sex, _label in sexes:
        for age, _age_label in ages:
            counts[("grid", sex, age)] = by_sex_age.get((sex, age), 0)
    for sex, _label in sexes:
        counts[("sex", sex)] = sum(counts[("grid", sex, age)] for age, _l in ages)
        lines.append(Line(("sex", sex), tuple(("grid", sex, age) for age, _l in ages)))
    for age, _label in ages:
        counts[("age", age)] = sum(counts[("grid", sex, age)] for sex, _l in sexes)
        lines.append(Line(("age", age), tuple(("grid", sex, age) for sex, _l in sexes)))
    counts[("registered",)] = sum(by_sex_age.values())
    lines.append(Line(("registered",), tuple(("sex", sex) for sex, _l in sexes)))
    lines.append(Line(("registered",), tuple(("age", age) for age, _l in ages)))

    # Returnees by month of arrival (one query, one conditional count per month).
    spans = _last_months(today)
    month_counts = returnees.aggregate(
        **{
            f"m{index}": Count(
                "pk", filter=Q(return_event__arrived_on__gte=start, return_event__arrived_on__lt=end)
            )
            for index, (start, end) in enumerate(spans)
        }
    )
    month_keys = []
    for index, (start, _end) in enumerate(spans):
        key = ("month", index)
        counts[key] = month_counts[f"m{index}"] or 0
        labels[key] = display.format_month(start)
        month_keys.append(key)
    counts[("months",)] = sum(counts[key] for key in month_keys)
    lines.append(Line(("months",), tuple(month_keys)))

    # Returnees by destination province, return type and country returned from (a GROUP BY each).
    breakdowns = (
        ("province", _("By province of destination"), "return_event__destination_province", True),
        ("return_type", _("By return type"), "return_event__return_type", True),
        ("country", _("By country returned from"), "return_event__returned_from", False),
    )
    table_keys: dict[str, list] = {}
    returnee_total = None
    for name, _title, path, translated in breakdowns:
        values = [f"{path}_id", f"{path}__name"] + ([f"{path}__translations"] if translated else [])
        rows = list(returnees.order_by().values(*values).annotate(n=Count("pk")))
        keys = []
        for row in rows:
            key = (name, row[f"{path}_id"])
            counts[key] = row["n"]
            if row[f"{path}_id"] is None:
                labels[key] = str(NOT_RECORDED)
            elif translated:
                labels[key] = translated_label(row[f"{path}__name"], row[f"{path}__translations"] or {})
            else:
                labels[key] = row[f"{path}__name"]
            keys.append(key)
        keys.sort(key=lambda key: (labels[key] == str(NOT_RECORDED), -counts[key], labels[key]))
        table_keys[name] = keys
        returnee_total = sum(counts[key] for key in keys)
    counts[("returnees",)] = returnee_total or 0
    for name, *_rest in breakdowns:
        lines.append(Line(("returnees",), tuple(table_keys[name])))

    states = suppression.protect(counts, lines)

    def cell(key, label="") -> Cell:
        return Cell(label=str(label or labels.get(key, "")), count=counts[key], state=states[key])

    months = Table(
        "months",
        str(_("Returnees by month of arrival")),
        [cell(key) for key in month_keys],
        cell(("months",), _("Last 12 months")),
    )
    tables = [
        Table(name, str(title), [cell(key) for key in table_keys[name]], cell(("returnees",), _("Total")))
        for name, title, *_rest in breakdowns
    ]
    grid = Grid(
        title=str(_("People registered by sex and age group")),
        columns=[str(label) for _code, label in sexes],
        rows=[
            (str(label), [cell(("grid", sex, age)) for sex, _l in sexes], cell(("age", age)))
            for age, label in ages
        ],
        column_totals=[cell(("sex", sex)) for sex, _l in sexes],
        total=cell(("registered",)),
    )
    return Figures(
        registered=cell(("registered",), _("People registered")),
        returnees=cell(("returnees",), _("Returnees (each person in each return)")),
        months=months,
        tables=tables,
        grid=grid,
    )


def figures_rows(figures: Figures) -> list[tuple[str, str, str]]:
    """The figures as (figure, category, count as published) rows, for the CSV download."""
    rows = [
        (str(_("People registered")), "", figures.registered.shown),
        (str(_("Returnees")), "", figures.returnees.shown),
    ]
    for label, cells, total in figures.grid.rows:
        for column, value in zip(figures.grid.columns, cells, strict=True):
            rows.append((figures.grid.title, f"{label} / {column}", value.shown))
        rows.append((figures.grid.title, f"{label} / {_('all')}", total.shown))
    for column, value in zip(figures.grid.columns, figures.grid.column_totals, strict=True):
        rows.append((figures.grid.title, f"{_('all ages')} / {column}", value.shown))
    for table in (figures.months, *figures.tables):
        for value in table.rows:
            rows.append((table.title, value.label, value.shown))
        if table.total is not None:
            rows.append((table.title, table.total.label, table.total.shown))
    return rows
