"""OpenAPI components of the metrics and report endpoints (see schema.py)."""

from __future__ import annotations

from .. import lqa
from ..states import Action

REPORT_SCHEMAS = {
    "Scores": {
        "type": "object",
        "required": ["bleu", "chrf", "ter"],
        "properties": {
            "bleu": {"type": "number"},
            "chrf": {"type": "number"},
            "ter": {"type": "number"},
        },
    },
    "ReferenceScores": {
        "type": "object",
        "required": ["segments", "mt", "target", "signatures"],
        "properties": {
            "segments": {"type": "integer", "description": "segments with a reference"},
            "mt": {"$ref": "#/components/schemas/Scores"},
            "target": {"$ref": "#/components/schemas/Scores"},
            "signatures": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
    "LqaError": {
        "type": "object",
        "required": ["category", "severity"],
        "properties": {
            "category": {"type": "string", "enum": list(lqa.Category.values)},
            "severity": {"type": "string", "enum": list(lqa.Severity.values)},
            "note": {"type": "string", "maxLength": lqa.MAX_NOTE},
        },
    },
    "ReportScores": {
        "type": "object",
        "required": ["bleu", "chrf", "ter", "signatures", "segments", "words", "reference"],
        "properties": {
            "bleu": {"type": "number"},
            "chrf": {"type": "number"},
            "ter": {"type": "number"},
            "signatures": {"type": "object", "additionalProperties": {"type": "string"}},
            "segments": {"type": "integer"},
            "words": {"type": "integer"},
            "long_segments": {"type": "integer"},
            "reference": {
                "oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/ReferenceScores"}]
            },
        },
    },
    "Lqa": {
        "type": "object",
        "required": ["points", "words", "penalty_per_1000_words", "threshold", "passed"],
        "properties": {
            "points": {"type": "integer"},
            "words": {"type": "integer"},
            "penalty_per_1000_words": {"type": ["number", "null"]},
            "threshold": {"type": "number"},
            "passed": {"type": "boolean"},
            "weights": {"type": "object", "additionalProperties": {"type": "integer"}},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["category", "severity", "count"],
                    "properties": {
                        "category": {"type": "string"},
                        "severity": {"type": "string"},
                        "count": {"type": "integer"},
                    },
                },
            },
        },
    },
    "Report": {
        "type": "object",
        "required": ["scores", "ter_histogram", "lqa", "throughput", "edit_time"],
        "properties": {
            "scores": {"$ref": "#/components/schemas/ReportScores"},
            "ter_histogram": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["bin", "segments"],
                    "properties": {
                        "bin": {"type": "string"},
                        "segments": {"type": "integer"},
                    },
                },
            },
            "lqa": {"$ref": "#/components/schemas/Lqa"},
            "throughput": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["user", "actions", "total"],
                    "properties": {
                        "user": {"type": "string"},
                        "actions": {
                            "type": "object",
                            "description": "actions per kind; a bulk action counts once",
                            "properties": {
                                a: {"type": "integer"} for a in Action.values if a != "import"
                            },
                        },
                        "segments": {
                            "type": "object",
                            "description": "segments those actions changed, per kind",
                            "properties": {
                                a: {"type": "integer"} for a in Action.values if a != "import"
                            },
                        },
                        "total": {"type": "integer"},
                    },
                },
            },
            "edit_time": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["user", "edits", "median_ms", "total_ms"],
                    "properties": {
                        "user": {"type": "string"},
                        "edits": {"type": "integer"},
                        "median_ms": {"type": "integer"},
                        "total_ms": {"type": "integer"},
                    },
                },
            },
            "documents": {
                "type": "array",
                "description": "project reports only",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "scores", "lqa"],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "scores": {"$ref": "#/components/schemas/ReportScores"},
                        "lqa": {"$ref": "#/components/schemas/Lqa"},
                    },
                },
            },
        },
    },
}
