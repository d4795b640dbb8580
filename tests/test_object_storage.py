"""Attachments on an S3-compatible object store (issue 16): with AWS_STORAGE_BUCKET_NAME set the
portal stores uploads through django-storages, so several web machines share them. Tested against
a real S3-compatible server process (moto's server mode) started here on loopback — no mocks in
the portal's own process: the upload goes over HTTP to the server and back."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import need_service

BUCKET = "samordna-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto_server on a free loopback port, with the portal's bucket; stopped afterwards."""
    binary = Path(sys.executable).with_name("moto_server")
    if not binary.exists():
        need_service("moto_server is not installed (make install installs the dev dependencies)")
    port = _free_port()
    process = subprocess.Popen([str(binary), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the S3-compatible server did not start")
        import boto3

        client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
        yield endpoint, client
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def on_s3(s3_server, settings, monkeypatch):
    endpoint, client = s3_server
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    # The production settings' own construction, from the same environment variables.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": BUCKET, "endpoint_url": endpoint, "region_name": "eu-north-1", "default_acl": None,
        "querystring_auth": True, "file_overwrite": False}}}
    return client


def test_the_settings_use_the_object_store_when_a_bucket_is_named():
    env = {**os.environ, "AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
           "DJANGO_SETTINGS_MODULE": "config.settings.base", "SECRET_KEY": "x" * 50}
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                          "print(settings.STORAGES['default']['BACKEND'], settings.STORAGES['default']['OPTIONS']"
                          "['bucket_name'], settings.STORAGES['default']['OPTIONS']['default_acl'])"],
                         env=env, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == ["storages.backends.s3.S3Storage", BUCKET, "None"], out.stderr[-2000:]


def test_an_attachment_is_stored_in_the_bucket_and_read_back_through_the_portal(demo, db, login, on_s3,
                                                                                django_capture_on_commit_callbacks):
    from governance.meetings.models import Meeting

    meeting = Meeting.objects.get(title__startswith="Styrgruppsmöte: krisberedskap")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = login("chair").post(reverse("governance:attachment_upload", args=[meeting.pk]),
                                   {"file": SimpleUploadedFile("Underlag.pdf", pdf, "application/pdf")})
    assert response.status_code == 302
    attachment = meeting.attachments.order_by("-pk").first()
    stored = on_s3.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read()
    assert stored == pdf, "the file is in the object store, not on the local disk"
    acl = on_s3.get_object_acl(Bucket=BUCKET, Key=attachment.file.name)
    assert not any(g["Grantee"].get("URI", "").endswith("AllUsers") for g in acl["Grants"]), "private object"
    download = login("steering").get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf
    # Deleting the attachment removes the object (once the deletion is committed).
    with django_capture_on_commit_callbacks(execute=True):
        assert login("chair").post(reverse("governance:attachment_delete", args=[attachment.pk]),
                                   {"confirmed": "1"}).status_code == 302
    listed = on_s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    assert attachment.file.name not in {o["Key"] for o in listed}


def test_a_document_and_its_new_version_are_stored_in_the_bucket(demo, db, login, on_s3):
    """The body's archive (governance.documents) goes through the same storage: a document added in
    the form, then a new version, both in the bucket and both read back through the portal."""
    from governance.authority import today
    from governance.bodies.models import Body
    from governance.documents.demo import pdf
    from governance.documents.models import Document

    body = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=today().year)
    first, second = pdf("Rapport", "version 1"), pdf("Rapport", "version 2")
    response = login("chair").post(reverse("governance:document_add"), {
        "body": body.pk, "title": "Rapport i objektlagret", "kind": "report", "dated": "2026-11-02",
        "readers": "body", "file": SimpleUploadedFile("Rapport.pdf", first, "application/pdf")})
    assert response.status_code == 302, response.content.decode()[-3000:]
    document = Document.objects.get(title="Rapport i objektlagret")
    response = login("chair").post(reverse("governance:document_version_add", args=[document.pk]), {
        "file": SimpleUploadedFile("Rapport-v2.pdf", second, "application/pdf"), "note": "Rättad"})
    assert response.status_code == 302
    keys = {o["Key"] for o in on_s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    for version, content in ((1, first), (2, second)):
        name = document.versions.get(number=version).file.name
        assert name in keys
        assert on_s3.get_object(Bucket=BUCKET, Key=name)["Body"].read() == content
        download = login("steering").get(reverse("governance:document_download", args=[document.pk, version]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == content
