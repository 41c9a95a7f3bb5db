"""The rule catalogue is derived from the code; its words are written once."""

from __future__ import annotations

from pathlib import Path

from schemas import DATASETS, column_specs
from schemas.rules import RULE_TEXT, catalogue
from sdg18.cli.rules import rules_markdown
from sdg18.ingest.names import fold

ROOT = Path(__file__).resolve().parents[2]


def test_rule_ids_unique_and_every_text_used() -> None:
    ids = [rule.rule_id for rule in catalogue()]
    assert len(ids) == len(set(ids))
    assert {rule.check for rule in catalogue()} == set(RULE_TEXT)


def test_each_header_alias_names_one_column() -> None:
    for dataset in DATASETS:
        names = [fold(n) for c, s in column_specs(dataset).items() for n in (c, *s.aliases)]
        assert len(names) == len(set(names)), dataset


def test_docs_rules_page_is_generated_from_the_code() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_column_specs_are_the_built_schemas_columns() -> None:
    # column_specs reads the field declarations without building the schema; the two
    # must agree column for column, in order.
    for dataset, model in DATASETS.items():
        columns = model.to_schema().columns
        built = {name: column.metadata["sdg18"] for name, column in columns.items()}
        assert list(column_specs(dataset).items()) == list(built.items()), dataset
        assert len(built) >= 5, dataset
