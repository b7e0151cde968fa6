"""JSON Schemas for the OpenAPI document: what a client (and schemathesis) may send."""

from __future__ import annotations

from typing import Any

from jnt_fresque.twin.api.protocol import JSON, JSON_LD

ATTRIBUTE = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Property", "Relationship", "GeoProperty"]},
        "value": {},
        "object": {"type": "string"},
        "observedAt": {"type": "string", "format": "date-time"},
        "unitCode": {"type": "string"},
        "datasetId": {"type": "string"},
    },
}
ENTITY = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {
        "id": {"type": "string", "format": "uri", "example": "urn:ngsi-ld:Tank:T1"},
        "type": {"type": "string", "example": "Tank"},
        "location": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["GeoProperty"]},
                "value": {"type": "object"},
            },
        },
    },
    "additionalProperties": ATTRIBUTE,
}
FRAGMENT = {"type": "object", "additionalProperties": ATTRIBUTE}
PROBLEM = {
    "type": "object",
    "required": ["type", "title"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}


def body_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": schema}, JSON_LD: {"schema": schema}},
        }
    }


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": "ProblemDetails", "content": {JSON: {"schema": PROBLEM}}}
    for code in (400, 404, 406, 409, 413, 415, 422, 503)
}
