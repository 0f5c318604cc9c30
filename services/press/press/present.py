"""Rows as JSON-ready data for RPC answers: ids and dates as strings, numbers as they are."""
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, memoryview):
        return None  # file contents never go out in a listing
    return value
