"""The compute functions of the indicators, registered by their framework id.

An indicator function is a pure function ``(records, period) -> DataFrame``
decorated with ``@indicator("18.x.y")``; importing its module registers it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from sdg18.core.periods import Period
from sdg18.core.records import Records

IndicatorFunction = Callable[[Records, Period], pd.DataFrame]

_REGISTRY: dict[str, IndicatorFunction] = {}


def indicator(indicator_id: str) -> Callable[[IndicatorFunction], IndicatorFunction]:
    """Register the decorated function as the computation of ``indicator_id``.

    Registering a second function for an id replaces the first, so an indicator's
    computation can be swapped without touching the pipeline.
    """

    def register(function: IndicatorFunction) -> IndicatorFunction:
        _REGISTRY[indicator_id] = function
        return function

    return register


def unregister(indicator_id: str) -> None:
    """Forget the function of ``indicator_id`` (nothing happens if none is registered)."""
    _REGISTRY.pop(indicator_id, None)


def registered() -> dict[str, IndicatorFunction]:
    """A copy of the registry: indicator id → compute function."""
    import sdg18.indicators.functions  # noqa: F401  (registers the built-in indicators)

    return dict(_REGISTRY)


def function_for(indicator_id: str, name: str) -> IndicatorFunction:
    """The registered function of ``indicator_id``; KeyError when it is missing or
    its name differs from ``name`` (the framework's ``function`` field)."""
    function = registered().get(indicator_id)
    if function is None:
        raise KeyError(f"no function is registered for indicator {indicator_id}")
    if function.__name__ != name:
        raise KeyError(
            f"indicator {indicator_id}: the framework names function '{name}' "
            f"but '{function.__name__}' is registered"
        )
    return function
