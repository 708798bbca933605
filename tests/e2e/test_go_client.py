"""The Go client (clients/go) against a live server, built from Debian's packages only.

No Go module proxy is reachable here. The client is a module
(github.com/loyalty-identity/loyalty-identity/clients/go) whose go.mod replaces every
module of its build graph by a directory: Debian's sources in /usr/share/gocode/src, and
empty modules (clients/go/debian/absent) for the requirements of their go.mod files that
Debian does not install. So the README's `cd clients/go && go build ./...` works in module
mode with GOPROXY=off. This test runs that command, checks that the generated code matches
the protos, that it is gofmt'ed and vet-clean, runs the client's own tests (`go test`:
customers, an automatic merge and the victim's redirect, ErrorInfo reasons with their
metadata and FieldViolation reasons, cards and an unset optional field, ListEvents and a
WatchEvents that resumes, health, reflection, TLS with a token) against a live server, that
without a server they say why they skip, and the README's quickstart. Without the Go
toolchain it skips, except under CI, where it fails: scripts/test.sh installs it.
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
from loyalty_identity.api.server import RunningServer, TlsConfig
from loyalty_identity.domain.errors import Reason
from tests.certs import CertificateAuthority

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "go"
MODULE = "github.com/loyalty-identity/loyalty-identity/clients/go"  # clients/go/go.mod's module
# The protos' go_package (released, so unchanged): generate.sh maps it to MODULE with M options.
GO_PACKAGE = "loyalty-identity/clients/go/gen/loyalty/identity/v1;identityv1"
# Every variable that could take the go command out of the README's setup (GOPATH mode, a
# proxy, a vendor directory, flags): the tests run with none of them but GOPROXY=off.
GO_VARIABLES = (
    "GO111MODULE",
    "GOPATH",
    "GOFLAGS",
    "GOPROXY",
    "GONOSUMDB",
    "GONOSUMCHECK",
    "GOPRIVATE",
    "GONOPROXY",
    "GOSUMDB",
    "GOWORK",
    "GOENV",
)
DEBIAN_GOPATH = Path("/usr/share/gocode")
DEBIAN_PACKAGES = (
    "golang-go protobuf-compiler protoc-gen-go protoc-gen-go-grpc golang-google-grpc-dev "
    "golang-github-golang-protobuf-1-5-dev"
)
# Present only from golang/protobuf 1.4 on: 1.3 (which golang-google-grpc-dev may pull instead) builds
# a client that panics decoding its first response.
PROTOBUF_1_5_MARKER = DEBIAN_GOPATH / "src/github.com/golang/protobuf/proto/registry.go"
TOKEN = "go-client-token"
REVEAL_TOKEN = "go-client-reveal-token"
REVIEW_TOKEN = "go-client-review-token"  # merge policy and candidates (SPEC 7)
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.fixture(scope="module")
def go() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs a command in clients/go with the Go toolchain in module mode, offline (GOPROXY=off)."""
    missing = [
        tool for tool in ("go", "gofmt", "protoc", "protoc-gen-go", "protoc-gen-go-grpc") if not shutil.which(tool)
    ]
    if not (DEBIAN_GOPATH / "src/google.golang.org/grpc").is_dir():
        missing.append("golang-google-grpc-dev")
    if not PROTOBUF_1_5_MARKER.is_file():
        missing.append("golang-github-golang-protobuf-1-5-dev")
    if missing:
        message = f"the Go client needs {', '.join(missing)} (Debian: apt-get install {DEBIAN_PACKAGES})"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must prove the Go client works, never skip it
        pytest.skip(message)
    env = {name: value for name, value in os.environ.items() if name not in GO_VARIABLES}
    env.update({"GOPROXY": "off", "CGO_ENABLED": "0"})  # off: proves nothing is downloaded

    def run(
        *command: str, extra: dict[str, str] | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command,
            cwd=CLIENT,  # module mode: ./... is the client's packages
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run


@pytest.fixture
def live_server(start_server: Callable[..., RunningServer], tmp_path: Path) -> dict[str, str]:
    """A plaintext server with tokens, and a TLS one on the same database, as environment variables."""
    tokens = (
        f"acme sha256:{hash_token(TOKEN)}\nacme sha256:{hash_token(REVEAL_TOKEN)} reveal\n"
        f"acme sha256:{hash_token(REVIEW_TOKEN)} review"
    )
    server = start_server(tokens=tokens)
    authority = CertificateAuthority(tmp_path)
    issued = authority.issue("server", server=True)
    secure = start_server(tokens=tokens, tls=TlsConfig(issued.cert, issued.key))
    return {
        "LOYALTY_IDENTITY_ADDRESS": f"127.0.0.1:{server.port}",
        "LOYALTY_IDENTITY_TLS_ADDRESS": f"127.0.0.1:{secure.port}",
        "LOYALTY_IDENTITY_TLS_CA_FILE": str(authority.issued.cert),
        "LOYALTY_IDENTITY_TOKEN": TOKEN,
        "LOYALTY_IDENTITY_REVEAL_TOKEN": REVEAL_TOKEN,
        "LOYALTY_IDENTITY_REVIEW_TOKEN": REVIEW_TOKEN,
    }


def test_generated_code_matches_the_protos(go) -> None:
    result = subprocess.run(
        ["sh", str(CLIENT / "generate.sh"), "--check"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, output(result) + "\nrun ./generate.sh in clients/go"


def test_protoc_gen_go_needs_no_m_options(go, tmp_path: Path) -> None:
    """The protos name their Go package: protoc-gen-go writes it under the go_package path (generate.sh
    maps it to the module's path with M options, which changes no byte of gen/)."""
    protos = sorted(str(p.relative_to(ROOT / "protos")) for p in (ROOT / "protos").rglob("*.proto"))
    plugins = [f"--go_out={tmp_path}", f"--go-grpc_out={tmp_path}"]
    result = subprocess.run(
        ["protoc", "-I", "protos", "-I", "third_party/googleapis", *plugins, *protos],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, output(result)
    written = {p.name for p in (tmp_path / GO_PACKAGE.split(";")[0]).glob("*.go")}
    assert {"resources.pb.go", "identifier_service_grpc.pb.go", "event_service.pb.go"} <= written


def test_go_mod_names_a_fetchable_module_and_generate_sh_maps_the_protos_to_it() -> None:
    module = re.search(r"^module (\S+)$", (CLIENT / "go.mod").read_text(), re.MULTILINE)
    assert module and module.group(1) == MODULE
    assert "." in MODULE.split("/")[0], "a module path go can fetch starts with a domain name"
    for proto in (ROOT / "protos").rglob("*.proto"):
        assert f'option go_package = "{GO_PACKAGE}";' in proto.read_text(), proto
    assert (
        "go.mod" in (CLIENT / "generate.sh").read_text()
        and "${M}paths=source_relative" in (CLIENT / "generate.sh").read_text()
    )
    imports = {
        path
        for source in CLIENT.rglob("*.go")
        for path in re.findall(r'^\s*(?:\w+ )?"([^"]*clients/go/[^"]*)"$', source.read_text(), re.MULTILINE)
        if "/gen/loyalty/identity/v1/" not in str(source)
    }
    assert imports and all(path.startswith(MODULE + "/") for path in imports), imports


def test_documented_build_works_offline_in_module_mode(go) -> None:
    """clients/go/README.md: `cd clients/go && go build ./...`, with no GOPATH, GO111MODULE or GOFLAGS."""
    readme = (CLIENT / "README.md").read_text()
    assert "cd clients/go && go build ./..." in readme
    assert not (CLIENT / "vendor").exists(), "Debian's sources are used in place (replace), not copied"
    built = go("go", "build", "./...")
    assert built.returncode == 0, output(built)
    listed = go("go", "list", "-m", "-f", "{{.Path}} {{if .Replace}}{{.Replace.Path}}{{end}}", "all")
    assert listed.returncode == 0, output(listed)
    replaced = dict(line.split(" ", 1) for line in listed.stdout.splitlines()[1:])
    assert replaced["google.golang.org/grpc"] == "/usr/share/gocode/src/google.golang.org/grpc", listed.stdout
    assert all(target for target in replaced.values()), "every module is replaced by a directory: " + listed.stdout


def test_without_a_server_the_go_tests_say_why_they_skip(go) -> None:
    unset = {name: "" for name in os.environ if name.startswith("LOYALTY_IDENTITY_")}
    result = go("go", "test", "-count=1", "-v", "./identity", extra={**unset, "CI": ""})
    assert result.returncode == 0, output(result)
    skipped = re.findall(r"^\s*--- SKIP: (\w+)", result.stdout, re.MULTILINE)
    assert len(skipped) >= 8, output(result)
    reasons = re.findall(r"LOYALTY_IDENTITY_\w+ is not set: tests/e2e/test_go_client.py runs", result.stdout)
    assert len(reasons) >= len(skipped), output(result)
    assert (
        "LOYALTY_IDENTITY_ADDRESS is not set, so the tests against a live server skip" in result.stderr + result.stdout
    )


def test_go_sources_are_formatted_and_vetted(go) -> None:
    formatted = go("gofmt", "-l", str(CLIENT))
    assert formatted.returncode == 0 and formatted.stdout == "", output(formatted) + "\nrun gofmt -w clients/go"
    vetted = go("go", "vet", "./...")
    assert vetted.returncode == 0, output(vetted)


def test_every_reason_of_the_service_has_a_go_constant() -> None:
    declared = set(re.findall(r'^\t\w+\s+Reason = "(\w+)"$', (CLIENT / "identity" / "errors.go").read_text(), re.M))
    assert declared == {reason.value for reason in Reason}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_go_client_against_a_live_server(go, live_server: dict[str, str]) -> None:
    # CI=true: a test that finds no server fails instead of skipping (clients/go/identity/client_test.go).
    result = go("go", "test", "-count=1", "-v", "./...", extra={**live_server, "CI": "true"})
    assert result.returncode == 0, output(result)
    passed = re.findall(r"^--- PASS: (\w+)", result.stdout, re.MULTILINE)
    skipped = re.findall(r"^--- SKIP: (\w+)", result.stdout, re.MULTILINE)
    failed = re.findall(r"^--- FAIL: (\w+)", result.stdout, re.MULTILINE)
    declared = {
        name
        for test_file in (CLIENT / "identity").glob("*_test.go")
        for name in re.findall(r"^func (Test\w+)\(t \*testing\.T\)", test_file.read_text(), re.MULTILINE)
    }
    assert not skipped and not failed, output(result)
    assert set(passed) == declared and len(declared) >= 8, output(result)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_readme_quickstart_runs_as_shown(go, live_server: dict[str, str]) -> None:
    blocks = FENCE.findall((CLIENT / "README.md").read_text())
    index = next(i for i, (kind, body) in enumerate(blocks) if kind == "go" and "func main()" in body)
    (kind, expected) = blocks[index + 1]
    assert blocks[index][1] == (CLIENT / "examples" / "quickstart" / "main.go").read_text(), (
        "clients/go/README.md's example and examples/quickstart/main.go differ"
    )
    result = go("go", "run", "./examples/quickstart", extra=live_server, timeout=300)
    assert result.returncode == 0, output(result)
    assert kind == "text"
    assert result.stdout == expected, output(result)
