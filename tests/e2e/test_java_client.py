"""Java: code generated from the protos, compiled with javac against Debian's jars, one smoke run.

clients/java/build.sh generates the Java code (protoc and Debian's grpc-java plugin; the
protos' java_package and java_multiple_files give one class per message in
com.loyalty.identity.v1), compiles it and the smoke program, and this test runs the
program against a live server and compares its output with clients/java/README.md:
a customer created, the ErrorInfo reasons (and a FieldViolation's reason) of two refused
calls, an unset optional field. Without a JDK or the jars it skips, except under CI,
where it fails: scripts/test.sh installs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from loyalty_identity.api.auth import hash_token
from loyalty_identity.api.server import RunningServer

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "java"
TOKEN = "java-client-token"
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.fixture(scope="module")
def classpath(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The smoke program built by clients/java/build.sh: its run-time class path."""
    missing = [tool for tool in ("java", "javac", "protoc") if not shutil.which(tool)]
    if not Path("/usr/bin/grpc_java_plugin").is_file() or not Path("/usr/share/java/grpc-stub.jar").is_file():
        missing.append("protobuf-compiler-grpc-java-plugin, libgrpc-java")
    if missing:
        message = f"the Java smoke run needs {', '.join(missing)} (Debian packages: clients/java/README.md)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must prove the Java code builds and calls the server, never skip it
        pytest.skip(message)
    out = tmp_path_factory.mktemp("java")
    built = subprocess.run(["sh", str(CLIENT / "build.sh"), str(out)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, output(built)
    generated = {p.name for p in (out / "gen" / "com" / "loyalty" / "identity" / "v1").glob("*.java")}
    # java_multiple_files: a class per message, outer classes named by java_outer_classname.
    assert {"CreateCustomerRequest.java", "IdentifierServiceGrpc.java", "ResourcesProto.java"} <= generated
    return (out / "classpath").read_text().strip()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_java_smoke_run_against_a_live_server(classpath: str, start_server: Callable[..., RunningServer]) -> None:
    server = start_server(tokens=f"acme sha256:{hash_token(TOKEN)}")
    env = {**os.environ, "LOYALTY_IDENTITY_ADDRESS": f"127.0.0.1:{server.port}", "LOYALTY_IDENTITY_TOKEN": TOKEN}
    result = subprocess.run(
        ["java", "-cp", classpath, "com.loyalty.identity.smoke.Smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, output(result)
    blocks = FENCE.findall((CLIENT / "README.md").read_text())
    [expected] = [body for kind, body in blocks if kind == "text"]
    assert result.stdout == expected, output(result)
