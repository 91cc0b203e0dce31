"""Every page carries the Content-Security-Policy and the other protective headers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_forbids_inline_scripts_and_framing(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert (directives["script-src"], directives["frame-ancestors"]) == ("'self'", "'none'")


def test_the_sign_in_page_sends_referrer_sniffing_and_feature_policies(client):
    response = client.get(reverse("login"))

    assert (
        response["Referrer-Policy"],
        response["X-Content-Type-Options"],
        "camera=()" in response["Permissions-Policy"],
    ) == ("same-origin", "nosniff", True)


def test_the_api_docs_page_loads_its_script_from_a_url(admin_client):
    page = admin_client.get(reverse("api:docs")).content.decode()
    script = admin_client.get(reverse("api:docs") + "?script=")

    assert ("<script>" in page, script["Content-Type"]) == (False, "application/javascript")
