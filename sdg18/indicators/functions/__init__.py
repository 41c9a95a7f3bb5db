"""The built-in indicator functions, one module per target; importing registers them."""

from sdg18.indicators.functions import (
    target_18_1,
    target_18_2,
    target_18_3,
    target_18_4,
    target_18_5,
)

__all__ = ["target_18_1", "target_18_2", "target_18_3", "target_18_4", "target_18_5"]
