"""``SDG18_*`` variables: a value of the wrong form is refused in words, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdg18.core.errors import SettingsError
from sdg18.core.settings import Settings


def test_settings_read_every_type_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "SDG18_TASK_WORKERS": "8",
            "SDG18_LOCK_TIMEOUT_S": "1.5",
            "SDG18_ISOLATE_READS": "yes",
            "SDG18_INBOX": "/data/inbox",
            "SDG18_DEMO_FIRST": "2024Q4",
        }
    )
    assert (settings.task_workers, settings.lock_timeout_s) == (8, 1.5)
    assert (settings.isolate_reads, settings.inbox, settings.demo_first) == (
        True,
        Path("/data/inbox"),
        "2024Q4",
    )


def test_a_bad_whole_number_names_the_variable_and_the_default() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"SDG18_TASK_WORKERS": "abc"})
    assert raised.value.message == "SDG18_TASK_WORKERS='abc' is not a whole number"
    assert raised.value.hint == "write a whole number such as 4 (the default)"
    assert str(raised.value) == (
        "SDG18_TASK_WORKERS='abc' is not a whole number: "
        "write a whole number such as 4 (the default)"
    )


def test_a_bad_number_names_the_variable_and_the_default() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"SDG18_LOCK_TIMEOUT_S": "15 min"})
    assert raised.value.message == "SDG18_LOCK_TIMEOUT_S='15 min' is not a number"
    assert raised.value.hint == "write a number such as 900.0 (the default)"


def test_a_bad_flag_names_the_variable_and_the_words_accepted() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"SDG18_ISOLATE_READS": "maybe"})
    assert raised.value.message == "SDG18_ISOLATE_READS='maybe' is not a yes/no value"
    assert raised.value.hint == (
        "write 1 or 0, true or false, yes or no, on or off; the default is 1 (yes)"
    )


def test_a_bad_path_is_refused_and_settings_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match=r"SDG18_OUTPUTS='out\\x00put' is not a path"):
        Settings.from_env({"SDG18_OUTPUTS": "out\0put"})


def test_the_languages_default_to_azerbaijani_first_then_english() -> None:
    editions = Settings.from_env({}).editions
    assert editions.languages == ("az", "en")
    assert editions.feedback_language("ANAMA") == "az"


def test_languages_and_each_agencys_feedback_language_are_read_from_the_environment() -> None:
    editions = Settings.from_env(
        {
            "SDG18_LANGUAGES": " en ",
            "SDG18_LANGUAGE": "en",
            "SDG18_AGENCY_LANGUAGES": "MOH=az, ANAMA=en",
        }
    ).editions
    assert editions.languages == ("en",)
    assert editions.agency_languages == (("ANAMA", "en"), ("MOH", "az"))
    assert [editions.feedback_language(a) for a in ("ANAMA", "MOH", "MOLSP")] == ["en", "az", "en"]


@pytest.mark.parametrize(
    ("variable", "raw", "message"),
    [
        ("SDG18_LANGUAGES", "az,ru", "SDG18_LANGUAGES='az,ru': 'ru' is not a language sdg18 "
         "ships"),
        ("SDG18_LANGUAGES", " , ", "SDG18_LANGUAGES=' , ' names no language"),
        ("SDG18_LANGUAGES", "az,az", "SDG18_LANGUAGES='az,az' names a language twice"),
        ("SDG18_LANGUAGE", "AZ", "SDG18_LANGUAGE='AZ' is not a language sdg18 ships"),
        ("SDG18_AGENCY_LANGUAGES", "ANAMA", "SDG18_AGENCY_LANGUAGES='ANAMA': 'ANAMA' is not "
         "AGENCY=language"),
        ("SDG18_AGENCY_LANGUAGES", "MOH=fr", "SDG18_AGENCY_LANGUAGES='MOH=fr': 'fr' is not a "
         "language sdg18 ships"),
    ],
)  # fmt: skip
def test_a_language_sdg18_does_not_ship_is_refused_at_start(
    variable: str, raw: str, message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({variable: raw})
    assert raised.value.message == message
    assert raised.value.hint
