"""The standard layout: the columns Homeward imports and exports (docs/data-exchange.md).

One row is one person, with their household and their latest return event. Imports accept these
columns in any order (and other names through a mapping); exports write exactly these, in this
order, so that an export imported into an empty database and exported again is the same file.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    hxl: str  # the HXL hashtag row of an HXL export (https://hxlstandard.org/standard/1-1final/)


STANDARD_COLUMNS: tuple[Column, ...] = (
    Column("record_id", "#affected+id"),
    Column("given_name", "#affected+name+given"),
    Column("given_name_latin", "#affected+name+given+latin"),
    Column("father_name", "#affected+name+father"),
    Column("father_name_latin", "#affected+name+father+latin"),
    Column("grandfather_name", "#affected+name+grandfather"),
    Column("grandfather_name_latin", "#affected+name+grandfather+latin"),
    Column("family_name", "#affected+name+family"),
    Column("family_name_latin", "#affected+name+family+latin"),
    Column("sex", "#affected+sex"),
    Column("birth_date", "#date+birth"),
    Column("phone", "#contact+phone"),
    Column("document_type", "#affected+document+type"),
    Column("document_number", "#affected+document+id"),
    Column("household_id", "#household+id"),
    Column("relationship", "#affected+relationship"),
    Column("arrival_date", "#date+arrival"),
    Column("border_crossing", "#loc+crossing+code"),
    Column("returned_from", "#country+origin+code"),
    Column("return_type", "#affected+return+type"),
    Column("province", "#adm1+code"),
    Column("district", "#adm2+code"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in STANDARD_COLUMNS)
NAME_COLUMNS = ("given_name", "father_name", "grandfather_name", "family_name")
# A row needs its key and at least one name, in any script.
REQUIRED = ("record_id",)
NAME_ANY_OF = (*NAME_COLUMNS, *(f"{part}_latin" for part in NAME_COLUMNS))
# Several phone numbers share the one `phone` cell, separated by this.
PHONE_SEPARATOR = ";"

# How the exported values are written (the importer reads these and much more):
#   record_id / household_id  the person's and household's global identifier (Person.uid,
#                             Household.uid). On import a UUID key is matched against (or becomes)
#                             that identifier; any other key is the source's own, remembered per
#                             source so that importing it again updates instead of duplicating;
#   sex                       M, F or empty;
#   birth_date                ISO: 1990-06-15, or 1990-06 / 1990 when only the month or year is known;
#   dates                     ISO Gregorian;
#   document_type, relationship, return_type, border_crossing   the vocabulary code;
#   returned_from             ISO 3166-1 alpha-2; province ISO 3166-2; district P-code.
