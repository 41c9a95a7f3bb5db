"""The English and Azerbaijani labels of what readers see as codes: breakdown names,
breakdown codes, units.

Plain tables, read by every output that shows a code to a person: the reports
(English breakdown titles, :func:`code_label_en`) and the Open SDG site's
translations (both languages). District and agency names are in
``schemas.reference``; indicator, target and series titles in the framework.
The Azerbaijani terms follow IMAS usage (``docs/opensdg.md``); a native reviewer
should confirm them.
"""

from __future__ import annotations

#: Codes printed in capitals (the rest is written in lower case).
ACRONYMS = frozenset({"AP", "AT", "UXO", "CMR", "IED", "SHA", "CHA"})


def code_label_en(code: str) -> str:
    """A breakdown code in English: underscores as spaces, acronyms kept
    (``AP_MINE`` → "AP mine", ``in_person`` → "In person")."""
    words = [w if w in ACRONYMS else w.lower() for w in code.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else text


#: Breakdown column → (English name, Azerbaijani name), in the order of ``BREAKDOWN_COLUMNS``.
BREAKDOWN_NAMES: dict[str, tuple[str, str]] = {
    "district": ("District", "Rayon"),
    "method": ("Release method", "İstifadəyə vermə üsulu"),
    "end_use": ("End use", "İstifadə təyinatı"),
    "hazard_class": ("Hazard class", "Təhlükəli ərazinin növü"),
    "item_type": ("Item type", "Sursatın növü"),
    "outcome": ("Outcome", "Nəticə"),
    "sex": ("Sex", "Cins"),
    "age_group": ("Age group", "Yaş qrupu"),
    "status": ("Status", "Status"),
    "device_type": ("Device type", "Partlayıcı qurğunun növü"),
    "service_type": ("Service type", "Xidmətin növü"),
    "group": ("Group", "Qrup"),
    "delivery": ("Delivery", "Keçirilmə forması"),
    "source_type": ("Source of funds", "Maliyyə mənbəyi"),
}

#: Breakdown column → code → Azerbaijani label (districts excepted).
CODE_LABELS_AZ: dict[str, dict[str, str]] = {
    "method": {
        "cancelled": "Ləğv edilmiş",
        "reduced": "Azaldılmış",
        "cleared": "Təmizlənmiş",
    },
    "end_use": {
        "agriculture": "Kənd təsərrüfatı",
        "residential": "Yaşayış",
        "infrastructure": "İnfrastruktur",
        "energy": "Enerji",
        "transport": "Nəqliyyat",
        "environment": "Ətraf mühit",
        "water": "Su təchizatı",
        "other": "Digər",
    },
    "hazard_class": {
        "SHA": "Şübhəli təhlükəli ərazi (SHA)",
        "CHA": "Təsdiqlənmiş təhlükəli ərazi (CHA)",
    },
    "item_type": {
        "AP_MINE": "Piyada əleyhinə mina",
        "AT_MINE": "Tank əleyhinə mina",
        "UXO": "Partlamamış hərbi sursat (UXO)",
        "CMR": "Kasetli sursat qalıqları (CMR)",
        "IED": "Əldəqayırma partlayıcı qurğu (IED)",
        "OTHER": "Digər",
    },
    "outcome": {"killed": "Həlak olmuş", "injured": "Yaralanmış"},
    "sex": {"male": "Kişi", "female": "Qadın", "unknown": "Naməlum"},
    "age_group": {"child": "Uşaq (18 yaşadək)", "adult": "Yetkin (18 yaş və yuxarı)",
                  "unknown": "Naməlum"},
    "status": {"civilian": "Mülki şəxs", "military": "Hərbçi", "deminer": "Minatəmizləyən"},
    "device_type": {
        "AP_MINE": "Piyada əleyhinə mina",
        "AT_MINE": "Tank əleyhinə mina",
        "UXO": "Partlamamış hərbi sursat (UXO)",
        "CMR": "Kasetli sursat qalıqları (CMR)",
        "IED": "Əldəqayırma partlayıcı qurğu (IED)",
        "UNKNOWN": "Naməlum",
    },
    "service_type": {
        "medical": "Tibbi yardım",
        "physical_rehabilitation": "Fiziki reabilitasiya",
        "prosthetics_orthotics": "Protezləmə və ortopediya",
        "psychosocial": "Psixososial dəstək",
        "education": "Təhsil",
        "economic_inclusion": "İqtisadi inteqrasiya",
        "social_protection": "Sosial müdafiə",
    },
    "group": {"girls": "Qızlar", "boys": "Oğlanlar", "women": "Qadınlar", "men": "Kişilər"},
    "delivery": {
        "in_person": "Əyani",
        "school": "Məktəbdə",
        "media": "KİV vasitəsilə",
        "digital": "Rəqəmsal",
    },
    "source_type": {
        "state_budget": "Dövlət büdcəsi",
        "international_bilateral": "Beynəlxalq ikitərəfli",
        "international_multilateral": "Beynəlxalq çoxtərəfli",
        "private": "Özəl",
        "other": "Digər",
    },
}  # fmt: skip

#: Unit of the framework → (English label, Azerbaijani label).
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "ha": ("Hectares", "Hektar"),
    "km²": ("Square kilometres", "Kvadrat kilometr"),
    "%": ("Percent", "Faiz"),
    "items": ("Items", "Ədəd"),
    "persons": ("Persons", "Nəfər"),
    "incidents": ("Incidents", "Hadisələr"),
    "persons per 1,000 ha": ("Persons per 1,000 ha", "Hər 1000 ha-ya düşən nəfər"),
    "households": ("Households", "Ailə"),
    "AZN": ("Manat (AZN)", "Manat (AZN)"),
}
