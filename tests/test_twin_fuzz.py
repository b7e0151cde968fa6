"""Fuzzing the served API: whatever schemathesis sends over HTTP, the broker never answers 500.

The schema is the OpenAPI document the running server publishes; every operation
gets ``JNT_FUZZ_EXAMPLES`` generated requests (25 by default; raise it for a long run).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from jnt_fresque.twin.api import running
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


# The server starts when the module is collected (schemathesis reads the document
# then) and stops in teardown_module.
_server = running(_broker(), host="127.0.0.1", port=0)
_url = _server.__enter__()
schema = schemathesis.openapi.from_url(_url + "/openapi.json")


def teardown_module() -> None:
    _server.__exit__(None, None, None)


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("JNT_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
