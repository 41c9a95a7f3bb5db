"""Code lists of the data contract: the one place each allowed value is written.

Every coded column of every dataset takes its allowed values from here; the
schemas, the template generator, the synthetic data and the docs all read
these tuples.
"""

from __future__ import annotations

HAZARD_CLASS = ("SHA", "CHA")
CONTAMINATION = ("AP", "AT", "MIXED", "UXO", "CMR", "IED")
HAZARD_STATUS = ("open", "closed")
RELEASE_METHOD = ("cancelled", "reduced", "cleared")
END_USE = (
    "agriculture",
    "residential",
    "infrastructure",
    "energy",
    "transport",
    "environment",
    "water",
    "other",
)
ITEM_TYPE = ("AP_MINE", "AT_MINE", "UXO", "CMR", "IED", "OTHER")
OUTCOME = ("killed", "injured")
SEX = ("male", "female", "unknown")
CASUALTY_STATUS = ("civilian", "military", "deminer")
DEVICE_TYPE = ("AP_MINE", "AT_MINE", "UXO", "CMR", "IED", "UNKNOWN")
YES_NO_UNKNOWN = ("yes", "no", "unknown")
SERVICE_TYPE = (
    "medical",
    "physical_rehabilitation",
    "prosthetics_orthotics",
    "psychosocial",
    "education",
    "economic_inclusion",
    "social_protection",
)
DELIVERY = ("in_person", "school", "media", "digital")
SOURCE_TYPE = (
    "state_budget",
    "international_bilateral",
    "international_multilateral",
    "private",
    "other",
)
CURRENCY = ("AZN", "USD", "EUR")
