"""Clean records of the funding dataset, as ANAMA and the Ministry of Finance report it.

A few state-budget transfers are reported by both agencies under the same
``entry_id`` and the same amount; the international share of the money (counted
once) is drawn per quarter between 4 % and 6 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sdg18.core.periods import Period
from sdg18.synthetic import volumes as v
from sdg18.synthetic.draws import choose, random_day
from sdg18.synthetic.tables import Record

_STATE_DONOR = "State budget of the Republic of Azerbaijan"
_INTERNATIONAL = {
    "international_multilateral": ("UNDP", "European Union", "Islamic Development Bank"),
    "international_bilateral": (
        "Government of Japan",
        "Government of Switzerland",
        "Government of Türkiye",
        "Government of Italy",
    ),
}
_OTHER = {"private": "Corporate donations", "other": "Reserve Fund of the President"}


@dataclass
class FundingReports:
    """The two agencies' funding records of one quarter and the ids they share."""

    anama: list[Record]
    mof: list[Record]
    shared_ids: frozenset[str]


def _amounts(rng: np.random.Generator, n: int, total: float) -> list[float]:
    """``n`` positive amounts in manat summing to about ``total``."""
    if n == 0:
        return []
    shares = rng.dirichlet(np.full(n, 2.0))
    return [max(100.0, round(float(s * total), 2)) for s in shares]


def _entry(
    rng: np.random.Generator, period: Period, entry_id: str, source: str, donor: str, azn: float
) -> Record:
    currency: str | None = None
    original: float | None = None
    if source.startswith("international"):
        currency = "USD" if rng.random() < 0.6 else "EUR"
        original = round(azn / v.AZN_PER[currency], 2)
    elif rng.random() < 0.3:
        currency, original = "AZN", azn
    return {
        "entry_id": entry_id,
        "received_date": random_day(rng, period.start, period.end),
        "source_type": source,
        "donor": donor,
        "amount_azn": azn,
        "currency": currency,
        "amount_original": original,
    }


def funding_reports(
    rng: np.random.Generator, period: Period, n: int, scale: float
) -> FundingReports:
    """About ``n`` entries per agency for ``period``; state budget about 95 % of the money."""
    n_shared = round(v.SHARED_ENTRY_SHARE * n)
    n_intl = round(v.INTERNATIONAL_ENTRY_SHARE * n) if n >= 2 else 0
    n_other = 2 if n >= 10 else 0
    n_anama_state = max(0, n - n_shared - n_intl - n_other)
    n_mof_state = n - n_shared
    state_total = v.STATE_BUDGET_AZN * scale * rng.uniform(0.9, 1.1)
    share = rng.uniform(*v.INTERNATIONAL_SHARE)
    intl_total = state_total * share / (1 - share)
    state = _amounts(rng, n_shared + n_anama_state + n_mof_state, state_total)
    shared = [
        _entry(rng, period, f"SB-{period}-{k + 1:03d}", "state_budget", _STATE_DONOR, a)
        for k, a in enumerate(state[:n_shared])
    ]
    anama = [dict(r) for r in shared]
    for azn in state[n_shared : n_shared + n_anama_state]:
        anama.append(_entry(rng, period, "", "state_budget", _STATE_DONOR, azn))
    for azn in _amounts(rng, n_intl, intl_total):
        source = choose(rng, tuple(_INTERNATIONAL))
        anama.append(_entry(rng, period, "", source, choose(rng, _INTERNATIONAL[source]), azn))
    for source, donor in list(_OTHER.items())[:n_other]:
        anama.append(_entry(rng, period, "", source, donor, round(state_total * 0.001, 2)))
    mof = [dict(r) for r in shared]
    for azn in state[n_shared + n_anama_state :]:
        mof.append(_entry(rng, period, "", "state_budget", _STATE_DONOR, azn))
    return FundingReports(
        _numbered(anama, "ANAMA", period), _numbered(mof, "MOF", period),
        frozenset(str(r["entry_id"]) for r in shared),
    )  # fmt: skip


def _numbered(records: list[Record], agency: str, period: Period) -> list[Record]:
    """The records by receipt date, each own entry given ``<agency>-F-<period>-nnn``."""
    records.sort(key=lambda r: (str(r["received_date"]), str(r["entry_id"])))
    own = 0
    for record in records:
        if not record["entry_id"]:
            own += 1
            record["entry_id"] = f"{agency}-F-{period}-{own:03d}"
    return records
