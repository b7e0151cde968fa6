"""The embedded broker in process: entities, batch, queries, types, history."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest

from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.errors import (
    AlreadyExists,
    BadRequestData,
    ResourceNotFound,
    TooManyResults,
)
from jnt_fresque.twin.ngsild import format_instant, format_time, parse_time, prop
from jnt_fresque.twin.query import QuerySyntaxError

T0 = parse_time("2024-06-03T00:00:00Z")


def junction(n: int, pressure: float, lon: float = 4.83, lat: float = 45.76) -> dict[str, object]:
    return {
        "id": f"urn:ngsi-ld:Junction:J{n}",
        "type": "Junction",
        "pressure": {"type": "Property", "value": pressure, "unitCode": "MTR"},
        "elevation": n * 10,
        "location": {"type": "Point", "coordinates": [lon, lat]},
    }


@pytest.fixture
def broker() -> Broker:
    b = Broker()
    b.batch_create(
        [junction(n, 10.0 * n, 4.83 + n * 0.001) for n in range(1, 6)], context=TWIN_CONTEXT
    )
    return b


def test_create_retrieve_and_the_context_that_names_things(broker: Broker) -> None:
    doc = broker.retrieve_entity("urn:ngsi-ld:Junction:J1", context=TWIN_CONTEXT)
    assert doc["type"] == "Junction"
    assert doc["pressure"] == {"type": "Property", "value": 10.0, "unitCode": "MTR"}
    # Without the twin's context the same attribute shows as its full IRI.
    core = broker.retrieve_entity("urn:ngsi-ld:Junction:J1")
    assert (
        "https://smartdatamodels.org/dataModel.WaterDistributionManagementEPANET/pressure" in core
    )
    with pytest.raises(AlreadyExists):
        broker.create_entity(junction(1, 0), context=TWIN_CONTEXT)
    with pytest.raises(ResourceNotFound):
        broker.retrieve_entity("urn:ngsi-ld:Junction:J99")


def test_sys_attrs_and_representations(broker: Broker) -> None:
    doc = broker.retrieve_entity("urn:ngsi-ld:Junction:J2", sys_attrs=True, context=TWIN_CONTEXT)
    assert doc["createdAt"].endswith("Z") and "createdAt" in doc["pressure"]
    kv = broker.retrieve_entity(
        "urn:ngsi-ld:Junction:J2", format="keyValues", attrs="pressure", context=TWIN_CONTEXT
    )
    assert kv == {"id": "urn:ngsi-ld:Junction:J2", "type": "Junction", "pressure": 20.0}
    concise = broker.retrieve_entity(
        "urn:ngsi-ld:Junction:J2", format="concise", context=TWIN_CONTEXT
    )
    assert concise["pressure"] == {"value": 20.0, "unitCode": "MTR"}


def test_update_append_replace_delete(broker: Broker) -> None:
    eid = "urn:ngsi-ld:Junction:J1"
    twelve = {"type": "Property", "value": 12.5, "unitCode": "MTR"}
    result = broker.update_attrs(eid, {"pressure": twelve, "nothing": 1}, context=TWIN_CONTEXT)
    assert result.updated == ["pressure"]
    assert result.not_updated[0]["attributeName"] == "nothing"
    result = broker.append_attrs(
        eid, {"head": 55.0, "pressure": 1.0}, no_overwrite=True, context=TWIN_CONTEXT
    )
    assert result.updated == ["head"] and result.not_updated[0]["attributeName"] == "pressure"
    broker.update_attr(eid, "pressure", {"value": 13.0}, context=TWIN_CONTEXT)
    doc = broker.retrieve_entity(eid, context=TWIN_CONTEXT)
    assert doc["pressure"] == {"type": "Property", "value": 13.0, "unitCode": "MTR"}  # merged
    broker.update_attr(
        eid, "pressure", {"type": "Property", "value": 14.0}, replace=True, context=TWIN_CONTEXT
    )
    assert "unitCode" not in broker.retrieve_entity(eid, context=TWIN_CONTEXT)["pressure"]
    broker.delete_attr(eid, "head", context=TWIN_CONTEXT)
    assert "head" not in broker.retrieve_entity(eid, context=TWIN_CONTEXT)
    with pytest.raises(ResourceNotFound):
        broker.delete_attr(eid, "head", context=TWIN_CONTEXT)
    broker.replace_entity(eid, {"type": "Junction", "pressure": 1.0}, context=TWIN_CONTEXT)
    assert set(broker.retrieve_entity(eid, context=TWIN_CONTEXT)) == {"id", "type", "pressure"}
    broker.delete_entity(eid)
    with pytest.raises(ResourceNotFound):
        broker.delete_entity(eid)


def test_multi_attributes_by_dataset_id(broker: Broker) -> None:
    eid = "urn:ngsi-ld:Junction:J3"
    broker.append_attrs(
        eid,
        {
            "pressure": {
                "type": "Property",
                "value": 99.0,
                "datasetId": "urn:ngsi-ld:Dataset:scenario",
            }
        },
        context=TWIN_CONTEXT,
    )
    both = broker.retrieve_entity(eid, context=TWIN_CONTEXT)["pressure"]
    assert [i.get("datasetId") for i in both] == [None, "urn:ngsi-ld:Dataset:scenario"]
    broker.delete_attr(
        eid, "pressure", dataset_id="urn:ngsi-ld:Dataset:scenario", context=TWIN_CONTEXT
    )
    assert broker.retrieve_entity(eid, context=TWIN_CONTEXT)["pressure"]["value"] == 30.0


def test_batch_operations_report_each_entity(broker: Broker) -> None:
    result = broker.batch_create(
        [junction(1, 0), junction(9, 0), {"id": "bad"}], context=TWIN_CONTEXT
    )
    assert result.success == ["urn:ngsi-ld:Junction:J9"]
    assert [e["error"]["type"].rsplit("/", 1)[1] for e in result.errors] == [
        "AlreadyExists",
        "BadRequestData",
    ]
    upsert = broker.batch_upsert([junction(9, 5.0), junction(10, 5.0)], context=TWIN_CONTEXT)
    assert upsert.created == ["urn:ngsi-ld:Junction:J10"]
    update = broker.batch_update([{"id": "urn:ngsi-ld:Junction:J9", "pressure": 6.0},
                                  {"id": "urn:ngsi-ld:Junction:J77", "pressure": 6.0}], context=TWIN_CONTEXT)  # fmt: skip
    assert update.success == ["urn:ngsi-ld:Junction:J9"]
    assert update.errors[0]["error"]["status"] == 404
    deleted = broker.batch_delete(["urn:ngsi-ld:Junction:J9", "urn:ngsi-ld:Junction:J77"])
    assert deleted.success == ["urn:ngsi-ld:Junction:J9"] and len(deleted.errors) == 1
    with pytest.raises(BadRequestData):
        broker.batch_upsert({"not": "a list"})


def test_queries(broker: Broker) -> None:
    def ids(**params: object) -> list[str]:
        return [e["id"][-2:] for e in broker.query_entities(context=TWIN_CONTEXT, **params)]

    assert ids(type="Junction", q="pressure>=30;elevation<50") == ["J3", "J4"]
    assert ids(type="Junction", q="pressure==10,50|elevation==20") == ["J1", "J2", "J5"]
    assert ids(type="Junction", id_pattern="J[12]$") == ["J1", "J2"]
    assert ids(type="Junction", id="urn:ngsi-ld:Junction:J4,urn:ngsi-ld:Junction:J5") == [
        "J4",
        "J5",
    ]
    assert ids(id="urn:ngsi-ld:Junction:J4", local=True) == ["J4"]
    assert ids(
        type="Junction",
        georel="near;maxDistance==100",
        geometry="Point",
        coordinates="[4.832,45.76]",
    ) == ["J1", "J2", "J3"]
    page = broker.query(type="Junction", limit=2, offset=2, count=True, context=TWIN_CONTEXT)
    assert [e["id"][-2:] for e in page.entities] == ["J3", "J4"] and page.count == 5
    assert (
        broker.query(type="Junction", limit=0, count=True).count == 0
    )  # another context: another type
    with pytest.raises(QuerySyntaxError, match="position 9"):
        broker.query_entities(type="Junction", q="pressure>>1")
    with pytest.raises(BadRequestData, match="at least one"):
        broker.query_entities()
    with pytest.raises(BadRequestData, match="at least one"):  # ids alone: clause 5.7.2
        broker.query_entities(id="urn:ngsi-ld:Junction:J4")
    with pytest.raises(TooManyResults):
        broker.query_entities(type="Junction", limit=5000)


def test_types_and_attributes(broker: Broker) -> None:
    assert broker.types(context=TWIN_CONTEXT)["typeList"] == ["Junction"]
    info = broker.type_info("Junction", context=TWIN_CONTEXT)
    assert info["entityCount"] == 5
    assert {a["attributeName"] for a in info["attributeDetails"]} == {
        "pressure",
        "elevation",
        "location",
    }
    assert "pressure" in broker.attributes(context=TWIN_CONTEXT)["attributeList"]
    detail = broker.attribute_info("location", context=TWIN_CONTEXT)
    assert detail["attributeTypes"] == ["GeoProperty"] and detail["attributeCount"] == 5
    with pytest.raises(ResourceNotFound):
        broker.type_info("Pump", context=TWIN_CONTEXT)


def _readings(broker: Broker, minutes: int, per_minute: int = 4) -> list[float]:
    values = []
    batch = []
    for i in range(minutes * per_minute):
        value = math.sin(i / 7) * 10 + 20
        values.append(value)
        stamp = format_time(T0 + i * 60_000 // per_minute)
        batch.append({"id": "urn:ngsi-ld:Junction:J1", "type": "Junction",
                      "pressure": prop(value, observed_at=stamp)})  # fmt: skip
    for start in range(0, len(batch), 100):
        broker.batch_upsert(batch[start : start + 100], update=True, context=TWIN_CONTEXT)
    return values


def test_temporal_values_last_n_and_timerel(broker: Broker) -> None:
    values = _readings(broker, minutes=30)
    eid = "urn:ngsi-ld:Junction:J1"
    # The value given at creation had no observedAt: it is dated now, after these readings.
    window = {
        "timerel": "between",
        "time_at": "2024-06-03T00:00:00Z",
        "end_time_at": "2024-06-04T00:00:00Z",
    }
    history = broker.temporal_entity(eid, attrs="pressure", context=TWIN_CONTEXT, **window)
    assert [i["value"] for i in history["pressure"]] == values
    assert history["pressure"][0]["instanceId"].startswith("urn:ngsi-ld:attribute:instance:")
    last = broker.temporal_entity(eid, attrs="pressure", last_n=3, context=TWIN_CONTEXT, **window)
    assert [i["value"] for i in last["pressure"]] == values[-3:]
    between = broker.temporal_entity(
        eid, attrs="pressure", options="temporalValues", timerel="between",
        time_at="2024-06-03T00:10:00Z", end_time_at="2024-06-03T00:11:00Z", context=TWIN_CONTEXT,
    )  # fmt: skip
    assert [v for v, _t in between["pressure"]["values"]] == values[40:44]
    assert between["pressure"]["values"][0][1] == "2024-06-03T00:10:00.000Z"
    with pytest.raises(BadRequestData, match="endTimeAt"):
        broker.temporal_entity(eid, timerel="between", time_at="2024-06-03T00:10:00Z")
    with pytest.raises(BadRequestData, match="aggrMethods"):
        broker.temporal_entity(eid, options="aggregatedValues")


def test_aggregations_match_a_plain_computation(broker: Broker) -> None:
    values = _readings(broker, minutes=120)
    eid = "urn:ngsi-ld:Junction:J1"
    # Aligned on minutes: read from the roll-ups. PT1M40S: not aligned, read from the rows.
    for period, size in (("PT1H", 240), ("PT15M", 60)):
        out = broker.temporal_entity(
            eid, attrs="pressure", options="aggregatedValues",
            aggr_methods="avg,min,max,sum,totalCount,stddev,sumsq", aggr_period=period,
            timerel="between", time_at="2024-06-03T00:00:00Z", end_time_at="2024-06-03T02:00:00Z",
            context=TWIN_CONTEXT,
        )["pressure"]  # fmt: skip
        chunks = [values[i : i + size] for i in range(0, len(values), size)]
        assert [round(a, 9) for a, *_ in out["avg"]] == [
            round(statistics.fmean(c), 9) for c in chunks
        ]
        assert [m for m, *_ in out["max"]] == [max(c) for c in chunks]
        assert [n for n, *_ in out["totalCount"]] == [len(c) for c in chunks]
        assert [round(s, 6) for s, *_ in out["stddev"]] == [
            round(statistics.pstdev(c), 6) for c in chunks
        ]
        assert out["avg"][0][1:] == ["2024-06-03T00:00:00Z",
                                     format_instant(T0 + size * 15_000)]  # fmt: skip
    odd = broker.temporal_entity(eid, attrs="pressure", options="aggregatedValues",
                                 aggr_methods="totalCount,distinctCount", aggr_period="PT1M40S",
                                 timerel="between", time_at="2024-06-03T00:00:00Z",
                                 end_time_at="2024-06-03T02:00:00Z", context=TWIN_CONTEXT)  # fmt: skip
    assert sum(n for n, *_ in odd["pressure"]["totalCount"]) == len(values)


def test_temporal_entities_api(broker: Broker) -> None:
    created = broker.temporal_upsert(
        {"id": "urn:ngsi-ld:Tank:T1", "type": "Tank",
         "level": [prop(3.0, observed_at="2024-06-03T01:00:00Z"), prop(2.5, observed_at="2024-06-03T02:00:00Z")]},
        context=TWIN_CONTEXT,
    )  # fmt: skip
    assert created
    broker.temporal_append("urn:ngsi-ld:Tank:T1", {"level": [prop(2.0, observed_at="2024-06-03T03:00:00Z")]},
                           context=TWIN_CONTEXT)  # fmt: skip
    page = broker.temporal_query(type="Tank", options="temporalValues", context=TWIN_CONTEXT)
    assert [v for v, _ in page.entities[0]["level"]["values"]] == [3.0, 2.5, 2.0]
    broker.temporal_delete("urn:ngsi-ld:Tank:T1")
    with pytest.raises(ResourceNotFound):
        broker.temporal_entity("urn:ngsi-ld:Tank:T1")


def test_a_sqlite_file_keeps_entities_and_history(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'twin.db'}"
    first = Broker(db)
    created = junction(1, 12.0)
    created["pressure"] = prop(12.0, observed_at="2024-06-03T00:00:00Z")
    first.create_entity(created, context=TWIN_CONTEXT)
    first.update_attrs("urn:ngsi-ld:Junction:J1", {"pressure": prop(13.0, observed_at="2024-06-03T01:00:00Z")},
                       context=TWIN_CONTEXT)  # fmt: skip
    first.close()
    again = Broker(db)
    assert (
        again.retrieve_entity("urn:ngsi-ld:Junction:J1", context=TWIN_CONTEXT)["pressure"]["value"]
        == 13.0
    )
    history = again.temporal_entity(
        "urn:ngsi-ld:Junction:J1", attrs="pressure", context=TWIN_CONTEXT
    )
    assert [i["value"] for i in history["pressure"]] == [12.0, 13.0]


def test_a_failed_batch_write_leaves_nothing_half_done(
    broker: Broker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(rows: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(broker.store, "add_instances", boom)
    with pytest.raises(RuntimeError):
        broker.batch_upsert([junction(1, 999.0)], update=True, context=TWIN_CONTEXT)
    monkeypatch.undo()
    assert (
        broker.retrieve_entity("urn:ngsi-ld:Junction:J1", context=TWIN_CONTEXT)["pressure"]["value"]
        == 10.0
    )
