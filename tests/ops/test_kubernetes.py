"""deploy/kubernetes: the kustomization renders, every resource is valid Kubernetes (offline,
kubernetes-validate's bundled schemas, strict: no unknown field), and the pieces fit together
(probes, ports, selectors, the Secret's keys, the migration Job).

kubernetes-validate comes from PyPI (the test extra); without it the validation skips, except
under CI, where it fails. The rendering uses `kubectl kustomize` when kubectl is installed,
and otherwise reads the files kustomization.yaml lists (the same resources, without its
common labels and image rewrite).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
KUSTOMIZE = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.37.0"  # kubernetes-validate 1.37.0's newest schemas


def kustomization() -> dict[str, Any]:
    return dict(yaml.safe_load((KUSTOMIZE / "kustomization.yaml").read_text()))


def from_files() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for name in kustomization()["resources"]:
        documents.extend(document for document in yaml.safe_load_all((KUSTOMIZE / name).read_text()) if document)
    return documents


def rendered() -> list[dict[str, Any]]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return from_files()
    result = subprocess.run(
        [kubectl, "kustomize", str(KUSTOMIZE)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return [document for document in yaml.safe_load_all(result.stdout) if document]


def one(documents: list[dict[str, Any]], kind: str, name: str | None = None) -> dict[str, Any]:
    found = [d for d in documents if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]
    assert len(found) == 1, f"{kind} {name}: {len(found)} found"
    return found[0]


@pytest.fixture(scope="module")
def resources() -> list[dict[str, Any]]:
    return rendered()


def test_kustomization_lists_every_manifest() -> None:
    listed = set(kustomization()["resources"])
    present = {path.name for path in KUSTOMIZE.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present


def test_every_resource_is_valid_kubernetes(resources: list[dict[str, Any]]) -> None:
    try:
        import kubernetes_validate  # type: ignore[import-untyped]
    except ImportError:
        message = "kubernetes-validate is not installed (pip install kubernetes-validate, the test extra)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must validate the manifests, never skip it
        pytest.skip(message)
    kinds = sorted(document["kind"] for document in resources)
    assert kinds == ["ConfigMap", "Deployment", "Job", "PodDisruptionBudget", "Secret", "Service", "Service"]
    failures = []
    for document in resources:
        try:
            kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            failures.append(f"{document['kind']} {document['metadata']['name']}: {error.message} at {error.path}")
    assert not failures, failures
    # and one field that is not Kubernetes is refused: the validation is not a formality
    broken = {**one(resources, "PodDisruptionBudget"), "spec": {"maxUnavailable": 1, "maxUnavialable": 1}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def server_container(resources: list[dict[str, Any]]) -> dict[str, Any]:
    containers = one(resources, "Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return dict(containers[0])


def test_readiness_is_grpc_health_and_liveness_does_not_follow_the_database(resources: list[dict[str, Any]]) -> None:
    container = server_container(resources)
    readiness = container["readinessProbe"]
    # the whole server's health (no service name): NOT_SERVING while the database is gone
    assert readiness["grpc"] == {"port": 50051}
    liveness = container["livenessProbe"]
    assert "grpc" not in liveness and "httpGet" not in liveness  # health and /metrics both follow the database
    assert liveness["tcpSocket"]["port"] in ("grpc", 50051)
    assert "grpc" not in container.get("startupProbe", {})
    # SIGTERM: in-flight calls get up to 30 s
    assert one(resources, "Deployment")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > 30


def test_the_service_and_the_budget_select_the_servers_pods(resources: list[dict[str, Any]]) -> None:
    deployment = one(resources, "Deployment")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    service = one(resources, "Service", "loyalty-identity")
    assert service["spec"]["selector"].items() <= labels.items()
    assert {port["name"]: port["port"] for port in service["spec"]["ports"]} == {
        "grpc": 50051,
        "http": 8080,
        "metrics": 9464,
    }
    assert one(resources, "Service", "loyalty-identity-headless")["spec"]["clusterIP"] == "None"
    assert one(resources, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"].items() <= labels.items()
    container_ports = {port["name"]: port["containerPort"] for port in server_container(resources)["ports"]}
    assert container_ports == {"grpc": 50051, "http": 8080, "metrics": 9464}
    # the migration Job's pods are not the server's
    job_labels = one(resources, "Job")["spec"]["template"]["metadata"]["labels"]
    assert not service["spec"]["selector"].items() <= job_labels.items()


def test_configuration_comes_from_the_configmap_and_the_secret(resources: list[dict[str, Any]]) -> None:
    readme = (ROOT / "README.md").read_text()
    config = one(resources, "ConfigMap")["data"]
    unknown = sorted(name for name in config if f"`{name}`" not in readme)
    assert not unknown, f"not in README's serve table: {unknown}"
    assert config["LOYALTY_IDENTITY_LISTEN"] == "0.0.0.0:50051"
    secret = one(resources, "Secret")
    assert set(secret["stringData"]) == {"database-url", "tokens"}
    assert re.fullmatch(r"(\S+ sha256:[0-9a-f]{64}\n)+", secret["stringData"]["tokens"])
    container = server_container(resources)
    assert container["envFrom"] == [{"configMapRef": {"name": config_name(resources)}}]
    database = {item["name"]: item["valueFrom"]["secretKeyRef"] for item in container["env"]}
    assert database["LOYALTY_IDENTITY_DATABASE_URL"] == {"name": secret["metadata"]["name"], "key": "database-url"}
    # the tokens file the ConfigMap names is where the Secret is mounted
    mount = next(m for m in container["volumeMounts"] if m["name"] == "tokens")
    volume = next(
        v for v in one(resources, "Deployment")["spec"]["template"]["spec"]["volumes"] if v["name"] == "tokens"
    )
    assert volume["secret"]["secretName"] == secret["metadata"]["name"]
    (item,) = volume["secret"]["items"]
    assert config["LOYALTY_IDENTITY_TOKENS_FILE"] == f"{mount['mountPath']}/{item['path']}"
    assert item["key"] == "tokens"


def config_name(resources: list[dict[str, Any]]) -> str:
    return str(one(resources, "ConfigMap")["metadata"]["name"])


def test_the_migration_job_runs_migrate_on_the_same_image_and_database(resources: list[dict[str, Any]]) -> None:
    job = one(resources, "Job")["spec"]["template"]["spec"]
    (migrate,) = job["containers"]
    assert migrate["command"][-1] == "migrate"
    assert migrate["command"][0].endswith("/loyalty-identity")
    assert migrate["image"] == server_container(resources)["image"]
    assert migrate["env"] == server_container(resources)["env"]  # the database URL from the Secret
    assert job["restartPolicy"] in ("OnFailure", "Never")


def test_pods_run_as_the_images_non_root_user(resources: list[dict[str, Any]]) -> None:
    containerfile = (ROOT / "deploy" / "container" / "Containerfile").read_text()
    (user,) = re.findall(r"^USER (\d+):", containerfile, re.MULTILINE)
    for kind in ("Deployment", "Job"):
        pod = one(resources, kind)["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert str(pod["securityContext"]["runAsUser"]) == user
        for container in pod["containers"]:
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
