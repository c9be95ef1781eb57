"""The starting code lists. Administrators edit, translate, add and retire terms afterwards."""

from django.db import migrations

L = ("fa-af", "ps", "fa", "ar", "ru", "az")


def _t(*labels):
    return dict(zip(L, labels, strict=True))


RETURN_TYPES = [
    ("spontaneous", "Spontaneous return", _t("عودت خودجوش", "خپلسری راستنېدنه", "بازگشت خودجوش", "عودة تلقائية", "Самостоятельное возвращение", "Könüllü özbaşına qayıdış")),
    ("assisted", "Assisted voluntary return", _t("عودت داوطلبانه با کمک", "د مرستې سره داوطلبانه راستنېدنه", "بازگشت داوطلبانه با کمک", "العودة الطوعية بمساعدة", "Добровольное возвращение при содействии", "Yardımla könüllü qayıdış")),
    ("deported", "Deported", _t("اخراج‌شده", "شړل شوی", "اخراج‌شده", "مُرحَّل", "Депортирован", "Deportasiya olunmuş")),
    ("readmitted", "Readmitted under an agreement", _t("بازپذیرش بر اساس موافقت‌نامه", "د تړون له مخې بیا منل شوی", "بازپذیرش بر اساس موافقت‌نامه", "إعادة القبول بموجب اتفاقية", "Реадмиссия по соглашению", "Readmissiya sazişi üzrə qəbul edilmiş")),
]
DOCUMENT_TYPES = [
    ("tazkira", "Tazkira (paper)", _t("تذکره کاغذی", "کاغذي تذکره", "تذکره کاغذی", "تذكرة ورقية", "Тазкира (бумажная)", "Təzkirə (kağız)")),
    ("e-tazkira", "e-Tazkira", _t("تذکره الکترونیکی", "برېښنايي تذکره", "تذکره الکترونیکی", "تذكرة إلكترونية", "Электронная тазкира", "Elektron təzkirə")),
    ("passport", "Passport", _t("پاسپورت", "پاسپورټ", "گذرنامه", "جواز سفر", "Паспорт", "Pasport")),
    ("amayesh", "Amayesh card", _t("کارت آمایش", "د آمایش کارت", "کارت آمایش", "بطاقة آمايش", "Карта «Амаеш»", "Amayeş kartı")),
    ("por-card", "PoR card", _t("کارت PoR", "د PoR کارت", "کارت PoR", "بطاقة إثبات التسجيل (PoR)", "Карта PoR", "PoR kartı")),
    ("acc", "Afghan Citizen Card", _t("کارت شهروندی افغان", "د افغان تابعیت کارت", "کارت شهروندی افغان", "بطاقة المواطن الأفغاني", "Карта гражданина Афганистана", "Əfqan vətəndaşı kartı")),
    ("headcount-slip", "Headcount slip", _t("برگه سرشماری", "د سرشمېرنې پاڼه", "برگه سرشماری", "إيصال التعداد", "Справка о переписи", "Siyahıyaalma qəbzi")),
    ("national-id", "National ID card", _t("کارت هویت ملی", "ملي پېژندپاڼه", "کارت ملی", "بطاقة الرقم القومي", "Удостоверение личности", "Şəxsiyyət vəsiqəsi")),
    ("other", "Other document", _t("سند دیگر", "بل سند", "مدرک دیگر", "وثيقة أخرى", "Другой документ", "Digər sənəd")),
]
RELATIONSHIPS = [
    ("head", "Head of household", _t("سرپرست خانواده", "د کورنۍ مشر", "سرپرست خانوار", "ربّ الأسرة", "Глава домохозяйства", "Ailə başçısı")),
    ("spouse", "Spouse", _t("همسر", "مېړه یا مېرمن", "همسر", "الزوج/الزوجة", "Супруг(а)", "Həyat yoldaşı")),
    ("son", "Son", _t("پسر", "زوی", "پسر", "ابن", "Сын", "Oğul")),
    ("daughter", "Daughter", _t("دختر", "لور", "دختر", "ابنة", "Дочь", "Qız")),
    ("father", "Father", _t("پدر", "پلار", "پدر", "أب", "Отец", "Ata")),
    ("mother", "Mother", _t("مادر", "مور", "مادر", "أم", "Мать", "Ana")),
    ("brother", "Brother", _t("برادر", "ورور", "برادر", "أخ", "Брат", "Qardaş")),
    ("sister", "Sister", _t("خواهر", "خور", "خواهر", "أخت", "Сестра", "Bacı")),
    ("grandchild", "Grandchild", _t("نواسه", "لمسی", "نوه", "حفيد/حفيدة", "Внук/внучка", "Nəvə")),
    ("grandparent", "Grandparent", _t("پدرکلان یا مادرکلان", "نیکه یا انا", "پدربزرگ یا مادربزرگ", "جد/جدة", "Дедушка/бабушка", "Baba/nənə")),
    ("child-in-law", "Son- or daughter-in-law", _t("داماد یا عروس", "زوم یا نږور", "داماد یا عروس", "زوج الابنة/زوجة الابن", "Зять/невестка", "Kürəkən/gəlin")),
    ("nephew-niece", "Nephew or niece", _t("برادرزاده یا خواهرزاده", "وراره یا خورزه", "برادرزاده یا خواهرزاده", "ابن/ابنة الأخ أو الأخت", "Племянник/племянница", "Qardaşı/bacısı uşağı")),
    ("other-relative", "Other relative", _t("خویشاوند دیگر", "بل خپلوان", "خویشاوند دیگر", "قريب آخر", "Другой родственник", "Digər qohum")),
    ("not-related", "Not related", _t("بدون قرابت", "خپلوان نه دی", "بدون نسبت خویشاوندی", "ليس من الأقارب", "Не родственник", "Qohum deyil")),
]
TRANSPORT = [
    ("bus", "Bus", _t("بس", "بس", "اتوبوس", "حافلة", "Автобус", "Avtobus")),
    ("car", "Car or taxi", _t("موتر یا تکسی", "موټر یا ټکسي", "خودرو یا تاکسی", "سيارة أو تاكسي", "Автомобиль или такси", "Avtomobil və ya taksi")),
    ("truck", "Truck", _t("لاری", "لارۍ", "کامیون", "شاحنة", "Грузовик", "Yük maşını")),
    ("on-foot", "On foot", _t("پیاده", "پلی", "پیاده", "سيرًا على الأقدام", "Пешком", "Piyada")),
    ("plane", "Plane", _t("طیاره", "الوتکه", "هواپیما", "طائرة", "Самолёт", "Təyyarə")),
    ("train", "Train", _t("قطار", "اورګاډی", "قطار", "قطار", "Поезд", "Qatar")),
    ("other", "Other", _t("دیگر", "بل", "دیگر", "أخرى", "Другое", "Digər")),
]


def seed(apps, schema_editor):
    for model_name, rows in (
        ("ReturnType", RETURN_TYPES),
        ("DocumentType", DOCUMENT_TYPES),
        ("Relationship", RELATIONSHIPS),
        ("TransportMeans", TRANSPORT),
    ):
        model = apps.get_model("vocabularies", model_name)
        for order, (code, name, translations) in enumerate(rows, start=1):
            extra = {"is_head": code == "head"} if model_name == "Relationship" else {}
            model.objects.update_or_create(
                code=code, defaults={"name": name, "translations": translations, "sort_order": order * 10, **extra}
            )


class Migration(migrations.Migration):
    dependencies = [("vocabularies", "0001_initial")]

    # Reversing leaves the terms: records may refer to them, and the tables go with 0001 anyway.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
