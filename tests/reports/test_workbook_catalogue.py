"""The workbook catalogue matches the code: every message of the workbooks (ministry,
feedback, blank templates) has its Azerbaijani translation, placeholders kept, ``.mo``
compiled from its ``.po``."""

from __future__ import annotations

from sdg18.core.catalogues import PLACEHOLDER, problems, read_catalogue


def test_the_workbook_catalogue_is_complete() -> None:
    assert problems(("workbook",)) == []


def test_every_sentence_is_translated_not_copied() -> None:
    copied = [
        message.id
        for message in read_catalogue("workbook", "az")
        if isinstance(message.id, str)
        and len(PLACEHOLDER.sub("", message.id).split()) >= 3
        and message.string == message.id
    ]
    assert copied == []
