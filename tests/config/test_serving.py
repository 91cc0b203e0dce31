"""The production stack, live: gunicorn with config/gunicorn.conf.py and production settings,
as `make serve` starts it (migrate, sync_roles, collectstatic), on a throwaway SQLite file."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_environment(tmp: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        ROSTER_UPLOAD_DIR=str(tmp / "uploads"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
    )
    return env


def wait_until_listening(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited during startup"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on {port} within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = serve_environment(tmp, port)
    for command in (["migrate", "--no-input"], ["sync_roles"], ["collectstatic", "--no-input"]):
        manage = [sys.executable, "manage.py", *command, "-v", "0"]
        subprocess.run(manage, cwd=ROOT, env=env, check=True, capture_output=True)
    log = tmp / "stdout.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_listening(port, server)
        yield {"port": port, "static_root": tmp / "static", "log": log}
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(live, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", live["port"], timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def hashed_url(live, name: str) -> str:
    manifest = json.loads((live["static_root"] / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def test_a_static_file_is_served_under_its_hashed_name_with_a_far_future_cache(live):
    url = hashed_url(live, "css/app.css")
    response = get(live, url)
    assert url != "/static/css/app.css"
    assert response.status == 200
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


def test_a_static_file_is_sent_compressed_to_a_browser_that_accepts_gzip(live):
    response = get(live, hashed_url(live, "css/app.css"), **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"


def test_a_page_sends_an_anonymous_visitor_to_the_login_page(live):
    response = get(live, "/")
    assert response.status == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_the_server_logs_each_request_as_a_json_line_without_its_query_string(live):
    get(live, "/?search=Nguyen+Van+An", **{"X-Request-ID": "proxy-id-42"})
    time.sleep(0.5)  # the worker's stdout reaches the file asynchronously
    lines = [line for line in live["log"].read_text().splitlines() if "proxy-id-42" in line]
    assert len(lines) == 1
    logged = json.loads(lines[0])
    assert (logged["path"], logged["status"], logged["user_id"]) == ("/", 302, None)
    assert "Nguyen" not in live["log"].read_text()
