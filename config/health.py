"""`/healthz`: whether this install can serve, for a load balancer or a monitoring probe.

It needs no login and says nothing about people: only which check failed.
"""

from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK = "ok"
FAILED = "failed"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def migrations_applied() -> bool:
    """Return whether every migration on disk is applied to the database."""
    try:
        executor = MigrationExecutor(connection)
        return executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    except DatabaseError:
        return False


# Not wrapped in the request's transaction (ATOMIC_REQUESTS): an unreachable database must
# answer 503 from here, not fail before the view runs.
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers and is fully migrated, 503 naming the failure."""
    database = database_answers()
    migrations = database and migrations_applied()
    checks = {
        "database": OK if database else FAILED,
        "migrations": OK if migrations else (FAILED if database else "unknown"),
    }
    healthy = database and migrations
    return JsonResponse(
        {"status": OK if healthy else FAILED, **checks}, status=200 if healthy else 503
    )
