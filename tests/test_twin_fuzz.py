"""Fuzzing the API: whatever schemathesis sends, the broker never answers 500.

The schema is the OpenAPI document the app publishes; schemathesis calls the
ASGI app directly, so no server starts when the module is collected. Every
operation gets ``JNT_FUZZ_EXAMPLES`` generated requests (25 by default; raise
it for a long run).
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from jnt_fresque.twin.api import create_app
from jnt_fresque.twin.broker import Broker


def _broker() -> Broker:
    broker = Broker()
    broker.batch_upsert(
        [
            {"id": f"urn:ngsi-ld:Tank:T{n}", "type": "Tank", "level": float(n),
             "location": {"type": "Point", "coordinates": [4.83, 45.76]}}
            for n in range(3)
        ]
    )  # fmt: skip
    return broker


schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_broker()))


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("JNT_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
