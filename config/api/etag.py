"""Conditional GET for computed documents: an ETag from the body, 304 when the client has it.

The documents (summary, trend, pipeline) are computed, not stored, so there is no modification
time to compare; the hash of the JSON itself is the version. The client still saves the
transfer and the rendering; the server saves nothing but bandwidth until indicator facts land.
"""

import hashlib
import json
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response


def conditional(request: Request, document: Any) -> Response:
    """Answer `document` with a strong ETag, or 304 when `If-None-Match` already names it."""
    body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    wanted = request.headers.get("If-None-Match", "")
    if etag in {tag.strip() for tag in wanted.split(",")} or wanted.strip() == "*":
        response = Response(status=304)
    else:
        response = Response(document)
    response["ETag"] = etag
    return response
