"""Media in S3-compatible object storage (MEDIA_STORAGE=s3, django-storages), against a real S3 API
server on loopback (moto in server mode): originals and renditions in the bucket, private, and
readers still served through the gate."""

import itertools

import pytest

from articles import workflow
from tests.factories import make_article, make_image, make_user

pytestmark = pytest.mark.django_db
_buckets = itertools.count(1)


@pytest.fixture
def bucket(settings, s3_server):
    name = s3_server.new_bucket(f"newsroom-media-{next(_buckets)}")
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storages(name)}
    return name


def keys(s3_server, bucket):
    listed = s3_server.client().list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listed.get("Contents", [])}


def test_originals_and_renditions_live_in_the_bucket_as_private_objects(s3_server, bucket):
    image = make_image()
    stored = keys(s3_server, bucket)
    assert image.file.name in stored
    assert {image.rendition_path(name) for name in image.rendition_names()} <= stored
    client = s3_server.client()
    for key in [image.file.name, image.rendition_path(next(iter(image.rendition_names())))]:
        grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")], key


def test_the_gate_serves_public_renditions_from_the_bucket_and_nothing_else(s3_server, bucket, client):
    editor = make_user(group="Editors")
    image = make_image()
    article = make_article(lead_image=image)
    _w, _h, name = image.renditions["w"]["webp"][0]
    url = "/media/" + image.rendition_path(name)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    stored = s3_server.client().get_object(Bucket=bucket, Key=image.rendition_path(name))["Body"].read()
    assert response.content == stored
    assert client.get("/media/" + image.file.name).status_code == 404
    workflow.unpublish(article, by=editor)
    assert client.get(url).status_code == 404


def test_a_deleted_picture_leaves_nothing_in_the_bucket(
    s3_server, bucket, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.force_login(make_user(group="Editors"))
    image = make_image()
    assert keys(s3_server, bucket)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})
    assert keys(s3_server, bucket) == set()
