"""The twin scoping canvas: answers to the key questions become a twin profile.

Examples
--------
>>> from jnt_fresque import scoping
>>> found = scoping.profile({"q-usage-objectif": ["exploiter"]})
>>> found.capability, found.implementation, found.time_step
('descriptive', 'entity', 'real_time')
>>> found.to_markdown().splitlines()[0]
'# Canevas de cadrage du jumeau'
"""

from __future__ import annotations

from jnt_fresque.scoping.profile import DataNeed, ScopingError, TwinProfile, profile, questions

__all__ = ["DataNeed", "ScopingError", "TwinProfile", "profile", "questions"]
