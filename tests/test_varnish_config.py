"""deploy/varnish/: the VCL and the example backend.vcl a real server copies compile as shipped.

tests/e2e/test_varnish.py runs the VCL with the backend.vcl deploy/serve.py writes; this checks the
example that sits next to it, with varnishd's compiler (Debian's varnish and varnish-modules).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

VARNISH_DIR = Path(__file__).resolve().parent.parent / "deploy" / "varnish"


def test_the_shipped_vcl_compiles_with_the_example_backend(tmp_path):
    varnishd = shutil.which("varnishd") or shutil.which("/usr/sbin/varnishd")
    if varnishd is None:
        if os.environ.get("E2E_TESTS") == "required":
            pytest.fail("varnishd is not installed (apt-get install varnish varnish-modules)")
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    command = [varnishd, "-C", "-j", "none", "-n", str(tmp_path), "-p", f"vcl_path={VARNISH_DIR}"]
    command += ["-f", str(VARNISH_DIR / "newsroom.vcl")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
