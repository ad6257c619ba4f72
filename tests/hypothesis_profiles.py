"""Hypothesis profiles: `default` for every run, `thorough` for many examples (HYPOTHESIS_PROFILE=thorough)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# No deadline: a property that feeds a large generated input to the parser may take longer than
# 200 ms on a loaded CI machine, and a timing failure there would say nothing about correctness.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=2_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
