"""A real S3 API server on loopback for the tests: moto in server mode, on a free port.

No mock inside the test process: django-storages and boto3 talk HTTP to a separate process, as
they would to AWS, MinIO or any S3-compatible store.
"""

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.e2e.stack import free_port

ACCESS = {"AWS_ACCESS_KEY_ID": "newsroom-test", "AWS_SECRET_ACCESS_KEY": "newsroom-test-secret"}
REGION = "us-east-1"


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **ACCESS},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the S3 server (moto) stopped while starting")
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the S3 server (moto) did not answer within 30 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=ACCESS["AWS_SECRET_ACCESS_KEY"],
        )

    def new_bucket(self, name):
        self.client().create_bucket(Bucket=name)
        return name

    def env(self, bucket):
        """The environment a Newsroom process needs to keep its media in `bucket`."""
        return {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_S3_ADDRESSING_STYLE": "path",
            **ACCESS,
        }

    def storages(self, bucket):
        """settings.STORAGES with the default storage in `bucket` (as MEDIA_STORAGE=s3 builds it)."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": ACCESS["AWS_ACCESS_KEY_ID"],
                "secret_key": ACCESS["AWS_SECRET_ACCESS_KEY"],
                "addressing_style": "path",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }


@pytest.fixture(scope="session")
def s3_server():
    try:
        import moto.server  # noqa: F401
    except ImportError:
        if os.environ.get("E2E_TESTS") == "required" or os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail("moto[server] is not installed (make .venv/.installed-dev)")
        pytest.skip("moto[server] is not installed")
    server = S3Server().start()
    yield server
    server.stop()
