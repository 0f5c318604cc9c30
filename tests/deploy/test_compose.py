"""The container deployment files agree with the repository and with each other.

No Docker engine is needed: these tests read docker-compose.yml, the Dockerfiles, the Prometheus,
Grafana and Kubernetes files, and check what would otherwise only fail at `docker compose up`.
"""
import json
import re
from pathlib import Path

import pytest
import yaml

from servicekit import secrets as platform_secrets

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DATABASES = ("intake", "routing", "notify", "contacts", "press", "gateway")
INFRASTRUCTURE = ("rabbitmq", "postgres", "prometheus", "grafana", "mailpit")

# What the code exports (libs/servicekit/servicekit/metrics.py) plus Prometheus's own `up`.
KNOWN_METRICS = {
    "outbox_backlog",
    "outbox_oldest_unsent_age_seconds",
    "dead_letters_total",
    "dead_letter_queue_depth",
    "messages_consumed_total",
    "http_requests_total",
    "http_request_duration_seconds_bucket",
    "handler_duration_seconds_bucket",
    "up",
}
# Each of these must be on the dashboard (DESIGN.md §9).
DASHBOARD_REQUIRED = KNOWN_METRICS - {"up"}


def exported_metrics(source):
    """Series names a metrics module exports (a histogram as its _bucket, _sum and _count)."""
    exported = set()
    for kind, name in re.findall(r"\b(Counter|Gauge|Histogram)\(\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"", source):
        if kind == "Histogram":
            exported |= {f"{name}_bucket", f"{name}_sum", f"{name}_count"}
        elif kind == "Counter":
            exported.add(name if name.endswith("_total") else f"{name}_total")
        else:
            exported.add(name)
    return exported


# and each service's own domain metrics (services/<name>/<name>/metrics.py)
for _module in sorted(ROOT.glob("services/*/*/metrics.py")):
    KNOWN_METRICS |= exported_metrics(_module.read_text(encoding="utf-8"))

PROMQL_WORDS = {
    # aggregations, functions and keywords that look like identifiers
    "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile",
    "count_values", "group", "rate", "irate", "increase", "delta", "idelta", "deriv",
    "histogram_quantile", "abs", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max",
    "absent", "absent_over_time", "avg_over_time", "max_over_time", "min_over_time",
    "sum_over_time", "count_over_time", "last_over_time", "label_replace", "label_join",
    "vector", "scalar", "time", "timestamp", "resets", "changes", "sort", "sort_desc",
    "and", "or", "unless", "bool", "offset", "inf", "nan",
}


def metric_names(expr):
    """The metric names a PromQL expression reads (good enough for the expressions kept here)."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', "", expr)                       # strings
    text = re.sub(r"\{[^}]*\}", "", text)                               # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)                              # ranges
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    text = re.sub(r"\boffset\s+\S+", "", text)
    text = re.sub(r"\$\w+", "", text)                                   # Grafana variables
    text = re.sub(r"(?<![\w:])\d+(\.\d+)?([eE][+-]?\d+)?", "", text)    # numbers
    words = set(re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*", text))
    return {word for word in words if word.lower() not in PROMQL_WORDS}


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def compose():
    return load_yaml(ROOT / "docker-compose.yml")


def service_folders():
    """Every deployable process: services/* with a Dockerfile or a pyproject.toml, and gateway/."""
    folders = {path.parent for pattern in ("services/*/Dockerfile", "services/*/pyproject.toml")
               for path in ROOT.glob(pattern)}
    folders.add(ROOT / "gateway")
    return sorted(folders)


SERVICE_FOLDERS = service_folders()


def env_of(service):
    environment = service.get("environment") or {}
    if isinstance(environment, list):  # the `- KEY=value` form
        environment = dict(item.split("=", 1) for item in environment)
    return environment


def healthcheck_command(healthcheck):
    test = healthcheck.get("test")
    return " ".join(test) if isinstance(test, list) else str(test or "")


def container_ports(service):
    ports = {str(port) for port in service.get("expose") or []}
    for mapping in service.get("ports") or []:
        ports.add(str(mapping).split("/")[0].rsplit(":", 1)[-1])
    return ports


def test_the_service_folders_are_found():
    names = {folder.name for folder in SERVICE_FOLDERS}
    assert {"intake", "gateway"} <= names


@pytest.mark.parametrize("folder", SERVICE_FOLDERS, ids=lambda folder: folder.name)
def test_every_service_is_built_and_wired(compose, folder):
    name = folder.name
    assert name in compose["services"], f"docker-compose.yml has no service {name!r}"
    service = compose["services"][name]

    build = service.get("build")
    assert isinstance(build, dict), f"{name}: build must name its context and dockerfile"
    assert build.get("context") == ".", f"{name}: the build context is the repository root"
    dockerfile = ROOT / build["dockerfile"]
    assert dockerfile.is_file(), f"{name}: {build['dockerfile']} does not exist"
    assert dockerfile == folder / "Dockerfile"

    environment = env_of(service)
    for key in ("AMQP_URI", "DB_URL"):
        assert environment.get(key), f"{name}: environment has no {key}"
    assert environment["AMQP_URI"].startswith("amqp://") and "@rabbitmq:" in environment["AMQP_URI"]
    assert environment["DB_URL"].endswith(f"@postgres:5432/{name}"), \
        f"{name}: DB_URL must point at its own database on the postgres service"

    healthcheck = service.get("healthcheck")
    assert healthcheck and healthcheck_command(healthcheck).strip(), f"{name}: no healthcheck"
    assert not healthcheck.get("disable"), f"{name}: healthcheck is disabled"

    depends_on = service.get("depends_on")
    assert isinstance(depends_on, dict), f"{name}: depends_on must state conditions"
    for infra in ("rabbitmq", "postgres"):
        assert depends_on.get(infra, {}).get("condition") == "service_healthy", \
            f"{name}: must wait for {infra} to be healthy"


def test_gateway_waits_for_intake_and_is_published(compose):
    gateway = compose["services"]["gateway"]
    assert gateway["depends_on"]["intake"]["condition"] == "service_healthy"
    environment = env_of(gateway)
    assert environment["GATEWAY_ADDRESS"] == "0.0.0.0:8000"
    assert "8000" in container_ports(gateway)
    assert "/health" in healthcheck_command(gateway["healthcheck"])


def test_intake_ops_port_is_reachable_from_other_containers(compose):
    intake = compose["services"]["intake"]
    environment = env_of(intake)
    assert environment["OPS_HOST"] == "0.0.0.0", "ops bound to 127.0.0.1 cannot be scraped"
    assert str(environment["OPS_PORT"]) == "9101"
    assert "9101/health/ready" in healthcheck_command(intake["healthcheck"])


def required_variable(value):
    """The NAME of `${NAME:?message}` (or `${NAME?message}`): compose refuses to start while it is unset."""
    match = re.fullmatch(r"\$\{(\w+):?\?.*\}", str(value))
    return match.group(1) if match else None


@pytest.mark.parametrize("folder", SERVICE_FOLDERS, ids=lambda folder: folder.name)
def test_compose_requires_every_secret_of_every_service(compose, folder):
    """A production-like example: each secret listed, with no default to fall back on (servicekit.secrets)."""
    name = folder.name
    assert name in platform_secrets.SERVICE_SECRETS, f"servicekit.secrets.SERVICE_SECRETS does not know {name}"
    environment = env_of(compose["services"][name])
    assert environment.get("PLATFORM_ENV") == "production", f"{name}: compose is a production deployment"
    for secret in platform_secrets.SERVICE_SECRETS[name]:
        assert secret in environment, f"{name}: docker-compose.yml does not list its secret {secret}"
        assert required_variable(environment[secret]) == secret, \
            f"{name}: {secret} must be a required variable (${{{secret}:?...}}) with no default"


@pytest.mark.parametrize("folder", SERVICE_FOLDERS, ids=lambda folder: folder.name)
def test_a_services_config_reads_each_of_its_secrets_with_no_default(folder):
    """What the environment gives reaches the service; a missing one stays missing, not a default."""
    name = folder.name
    text = (folder / "config.yml").read_text(encoding="utf-8")
    read = set(re.findall(r"^(\w+):", text, re.MULTILINE)) & set(platform_secrets.DEVELOPMENT_DEFAULTS)
    assert read == set(platform_secrets.SERVICE_SECRETS[name]), f"{name}: config.yml reads {sorted(read)}"
    for secret in read:
        assert re.search(rf"^{secret}: \$\{{{secret}:\}}$", text, re.MULTILINE), f"{name}: {secret} has a default"
    assert re.search(r"^PLATFORM_ENV: \$\{PLATFORM_ENV:production\}$", text, re.MULTILINE), name


@pytest.mark.parametrize("name", INFRASTRUCTURE)
def test_infrastructure_service_exists(compose, name):
    assert name in compose["services"]
    assert compose["services"][name].get("image"), f"{name} has no image"


@pytest.mark.parametrize("name", ("rabbitmq", "postgres"))
def test_brokers_and_databases_have_healthchecks_and_named_volumes(compose, name):
    service = compose["services"][name]
    assert healthcheck_command(service.get("healthcheck") or {}).strip()
    named = {volume.split(":", 1)[0] for volume in service.get("volumes", [])
             if not volume.startswith((".", "/"))}
    assert named and named <= set(compose.get("volumes") or {}), f"{name}: data must live in a named volume"


def test_published_ports(compose):
    published = {
        name: {str(mapping).split(":")[0] for mapping in service.get("ports") or []}
        for name, service in compose["services"].items()
    }
    for name, port in (("gateway", "8000"), ("rabbitmq", "15672"), ("grafana", "3000"),
                       ("prometheus", "9090"), ("mailpit", "8025")):
        assert port in published.get(name, set()), f"{name} does not publish {port}"


def test_postgres_runs_its_init_script(compose):
    volumes = compose["services"]["postgres"]["volumes"]
    assert "./deploy/postgres/init.sh:/docker-entrypoint-initdb.d/init.sh:ro" in volumes


def test_every_mounted_file_exists(compose):
    mounts = [
        (name, volume.split(":", 1)[0])
        for name, service in compose["services"].items()
        for volume in service.get("volumes") or []
        if isinstance(volume, str) and volume.startswith("./")
    ]
    assert any(source.startswith("./deploy/") for _, source in mounts)
    for name, source in mounts:
        assert (ROOT / source).exists(), f"{name} mounts {source}, which does not exist"


@pytest.mark.parametrize("folder", SERVICE_FOLDERS, ids=lambda folder: folder.name)
def test_dockerfile(folder):
    name = folder.name
    text = (folder / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", text, re.M)
    if "reportlab" in (folder / "pyproject.toml").read_text(encoding="utf-8"):
        assert "fonts-dejavu-core" in text, "PDFs with Turkish letters need DejaVuSans"
    for source in re.findall(r"^COPY\s+(?:--\S+\s+)*(\S+)\s+\S+\s*$", text, re.M):
        assert (ROOT / source).exists(), f"{name}: COPY {source} does not exist (context is the repo root)"
    assert "-c constraints.txt" in text
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0"), f"{name}: must run as non-root"
    assert "HEALTHCHECK" in text
    assert re.search(rf'^CMD \["nameko", "run", "--config", "config.yml", "{name}.service"\]', text, re.M)
    workdirs = re.findall(r"^WORKDIR\s+(\S+)", text, re.M)
    assert workdirs[-1].endswith(folder.relative_to(ROOT).as_posix()), \
        f"{name}: must run from its own folder (config.yml, migrations/)"


def test_prometheus_scrapes_compose_services(compose):
    config = load_yaml(DEPLOY / "prometheus" / "prometheus.yml")
    assert "alerts.yml" in config.get("rule_files", [])
    targets = [
        (job.get("metrics_path", "/metrics"), target)
        for job in config["scrape_configs"]
        for static in job.get("static_configs", [])
        for target in static["targets"]
    ]
    assert {target for _, target in targets} >= {"gateway:9100", "intake:9101"}  # ops ports, never the API's
    for path, target in targets:
        host, port = target.rsplit(":", 1)
        assert host in compose["services"], f"scrape target {target} is not a compose service"
        assert port in container_ports(compose["services"][host]), \
            f"{host} does not expose {port}, which Prometheus scrapes"
        assert path == "/metrics"


INIT_SCRIPT = DEPLOY / "postgres" / "init.sh"


def test_the_init_script_creates_one_private_database_per_service_with_its_own_password():
    """docker-entrypoint-initdb.d runs an executable *.sh with the container's environment: each role is made
    with <SERVICE>_DB_PASSWORD, handed to psql as a variable and quoted by psql, never put into SQL by the shell."""
    script = INIT_SCRIPT.read_text(encoding="utf-8")
    assert script.startswith("#!/bin/bash\n") and INIT_SCRIPT.stat().st_mode & 0o111, "init.sh must be executable"
    (listed,) = re.findall(r"^SERVICES=\(([^)]*)\)", script, re.MULTILINE)
    assert tuple(listed.split()) == DATABASES
    assert 'variable="${service^^}_DB_PASSWORD"' in script
    assert '-v password="${!variable}"' in script and '-v role="$service"' in script
    sql = "\n".join(re.findall(r"<<'SQL'\n(.*?)\nSQL\n", script, re.DOTALL))  # quoted: no shell expansion
    sql = re.sub(r"--[^\n]*", "", sql)
    assert re.search(r"""CREATE\s+ROLE\s+:"role"\s+LOGIN\s+PASSWORD\s+:'password'\s*;""", sql, re.I)
    assert re.search(r"""CREATE\s+DATABASE\s+:"role"\s+OWNER\s+:"role"\s""", sql, re.I)
    assert re.search(r"""REVOKE\s+CONNECT\s+ON\s+DATABASE\s+:"role"\s+FROM\s+PUBLIC\s*;""", sql, re.I)
    assert re.search(r"""GRANT\s+CONNECT\s+ON\s+DATABASE\s+:"role"\s+TO\s+:"role"\s*;""", sql, re.I)
    assert "CREATE EXTENSION IF NOT EXISTS pg_trgm" in sql
    assert not re.search(r"PASSWORD\s+'", script), "no literal password"
    assert "$" not in sql, "the SQL takes nothing from the shell"
    assert not re.search(r"\s(-c|--command)\b", script), "no SQL built by the shell (psql -c)"


def variable_in(value):
    """NAME of a value that is exactly a required variable, else None (a literal or a default)."""
    return required_variable(value) if value is not None else None


@pytest.mark.parametrize("folder", SERVICE_FOLDERS, ids=lambda folder: folder.name)
def test_compose_gives_each_service_its_database_and_broker_passwords_as_required_variables(compose, folder):
    """No literal password in a DB_URL or AMQP_URI (servicekit.secrets refuses the published ones): each role's
    password is <SERVICE>_DB_PASSWORD, the one the postgres service makes the role with, and every process
    reaches RabbitMQ as the user the rabbitmq service is made with."""
    name = folder.name
    environment = env_of(compose["services"][name])
    db = re.fullmatch(r"postgresql://([^:@/]+):(\$\{[^}]*\})@postgres:5432/(\w+)", environment["DB_URL"])
    assert db, f"{name}: DB_URL must be postgresql://{name}:${{{name.upper()}_DB_PASSWORD:?...}}@postgres:5432/{name}"
    assert db.group(1) == name and db.group(3) == name
    assert variable_in(db.group(2)) == f"{name.upper()}_DB_PASSWORD", f"{name}: DB_URL's password is not required"
    postgres = env_of(compose["services"]["postgres"])
    assert variable_in(postgres.get(f"{name.upper()}_DB_PASSWORD")) == f"{name.upper()}_DB_PASSWORD", \
        f"postgres: init.sh needs {name.upper()}_DB_PASSWORD, required"

    amqp = re.fullmatch(r"amqp://(\$\{[^}]*\}):(\$\{[^}]*\})@rabbitmq:5672/", environment["AMQP_URI"])
    assert amqp, f"{name}: AMQP_URI must be amqp://${{RABBITMQ_USER:?...}}:${{RABBITMQ_PASSWORD:?...}}@rabbitmq:5672/"
    rabbitmq = env_of(compose["services"]["rabbitmq"])
    assert variable_in(amqp.group(1)) == variable_in(rabbitmq.get("RABBITMQ_DEFAULT_USER")) == "RABBITMQ_USER"
    assert variable_in(amqp.group(2)) == variable_in(rabbitmq.get("RABBITMQ_DEFAULT_PASS")) == "RABBITMQ_PASSWORD"


@pytest.mark.parametrize("service,setting,variable", [
    ("postgres", "POSTGRES_PASSWORD", "POSTGRES_PASSWORD"),
    ("rabbitmq", "RABBITMQ_DEFAULT_USER", "RABBITMQ_USER"),
    ("rabbitmq", "RABBITMQ_DEFAULT_PASS", "RABBITMQ_PASSWORD"),
    ("grafana", "GF_SECURITY_ADMIN_PASSWORD", "GRAFANA_ADMIN_PASSWORD"),
])
def test_the_infrastructures_passwords_have_no_default(compose, service, setting, variable):
    value = env_of(compose["services"][service]).get(setting)
    assert value is not None, f"{service}: {setting} is not set, so the image's published default applies"
    assert variable_in(value) == variable, f"{service}: {setting} must be ${{{variable}:?...}}, with no default"


def test_compose_lists_every_password_variable_in_its_env_recipe():
    """The comment at the top, whose loop writes the .env file, names every variable compose requires."""
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for variable in set(re.findall(r"\$\{(\w+):\?", text)):
        assert variable in header, f"the comment at the top of docker-compose.yml does not name {variable}"


def test_no_published_password_in_compose():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "guest" not in body and ":-postgres}" not in body and ":-admin}" not in body
    for name in DATABASES:
        assert f"{name}:{name}@" not in body


def test_alert_rules():
    config = load_yaml(DEPLOY / "prometheus" / "alerts.yml")
    rules = [rule for group in config["groups"] for rule in group["rules"]]
    assert rules
    used = set()
    for rule in rules:
        name = rule.get("alert")
        assert name, f"rule without a name: {rule}"
        assert str(rule.get("expr", "")).strip(), f"{name}: no expr"
        assert "for" in rule, f"{name}: no for"
        annotations = rule.get("annotations") or {}
        # Turkish and English
        assert annotations.get("summary") and annotations.get("summary_tr"), f"{name}: annotations"
        names = metric_names(str(rule["expr"]))
        assert names <= KNOWN_METRICS, f"{name}: unknown metrics {names - KNOWN_METRICS}"
        used |= names
    assert {"up", "outbox_oldest_unsent_age_seconds", "dead_letters_total", "http_requests_total"} <= used


def dashboard_expressions(panels):
    for panel in panels:
        yield from dashboard_expressions(panel.get("panels") or [])
        for target in panel.get("targets") or []:
            if "expr" in target:
                yield panel.get("title"), target["expr"]


def test_dashboard_uses_only_exported_metrics():
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "platform.json").read_text(encoding="utf-8"))
    expressions = list(dashboard_expressions(dashboard["panels"]))
    assert expressions
    used = set()
    for title, expr in expressions:
        names = metric_names(expr)
        assert names, f"panel {title!r}: {expr!r} reads no metric"
        assert names <= KNOWN_METRICS, f"panel {title!r} uses unknown metrics {names - KNOWN_METRICS}"
        used |= names
    assert DASHBOARD_REQUIRED <= used, f"dashboard lacks {DASHBOARD_REQUIRED - used}"


def test_every_services_own_metric_is_on_the_dashboard():
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "platform.json").read_text(encoding="utf-8"))
    used = set().union(*(metric_names(expr) for _, expr in dashboard_expressions(dashboard["panels"])))
    for module in sorted(ROOT.glob("services/*/*/metrics.py")):
        exported = exported_metrics(module.read_text(encoding="utf-8"))
        # a histogram is shown through its buckets
        shown = {name for name in exported if not name.endswith(("_sum", "_count"))}
        assert shown <= used, f"{module.parent.name}: not on the dashboard: {sorted(shown - used)}"


def test_known_metrics_are_what_servicekit_exports():
    source = (ROOT / "libs" / "servicekit" / "servicekit" / "metrics.py").read_text(encoding="utf-8")
    assert DASHBOARD_REQUIRED <= exported_metrics(source)


def test_metric_name_extraction():
    assert metric_names('sum by (service) (rate(foo_total{outcome="ok"}[5m])) > 0.5') == {"foo_total"}
    assert metric_names(
        "histogram_quantile(0.95, sum by (le, route) (rate(bar_bucket[$__rate_interval])))") == {"bar_bucket"}
    assert metric_names("up == 0") == {"up"}


def test_grafana_provisioning(compose):
    datasources = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")
    (datasource,) = datasources["datasources"]
    host = datasource["url"].split("//", 1)[1].split(":")[0]
    assert datasource["type"] == "prometheus" and host in compose["services"]

    providers = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "dashboards.yml")
    path = providers["providers"][0]["options"]["path"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in compose["services"]["grafana"]["volumes"]}
    assert mounts.get(path) == "./deploy/grafana/dashboards"

    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "platform.json").read_text(encoding="utf-8"))
    uids = {target.get("datasource", {}).get("uid") for panel in dashboard["panels"]
            for target in panel.get("targets") or []}
    assert uids == {datasource["uid"]}


K8S = DEPLOY / "k8s"


def k8s_documents():
    documents = []
    for path in sorted(K8S.glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            documents += [(path.name, doc) for doc in yaml.safe_load_all(handle) if doc]
    return documents


@pytest.mark.parametrize("name,port,live,ready", [
    ("intake", 9101, "/health/live", "/health/ready"),
    ("routing", 9102, "/health/live", "/health/ready"),
    ("notify", 9103, "/health/live", "/health/ready"),
    ("contacts", 9104, "/health/live", "/health/ready"),
    ("press", 9105, "/health/live", "/health/ready"),
    ("gateway", 8000, "/health/live", "/health"),
])
def test_kubernetes_deployment(name, port, live, ready):
    documents = k8s_documents()
    kustomization = load_yaml(K8S / "kustomization.yaml")
    applied = set(kustomization["resources"])
    (deployment,) = [doc for file, doc in documents
                     if doc["kind"] == "Deployment" and doc["metadata"]["name"] == name and file in applied]
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    (container,) = pod["containers"]
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    named_ports = {item["name"]: item["containerPort"] for item in container["ports"]}

    def probe_port(probe):
        value = probe["httpGet"]["port"]
        return named_ports.get(value, value)

    assert container["livenessProbe"]["httpGet"]["path"] == live and probe_port(container["livenessProbe"]) == port
    assert container["readinessProbe"]["httpGet"]["path"] == ready and probe_port(container["readinessProbe"]) == port
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(container["resources"][kind])

    if name != "gateway":  # a service listens where its own env says, not where the shared config says
        environment = {item["name"]: item.get("value") for item in container.get("env") or ()}
        config = {k: v for file, doc in documents if doc["kind"] == "ConfigMap" for k, v in doc["data"].items()}
        assert str(environment.get("OPS_PORT", config.get("OPS_PORT"))) == str(port)

    sources = container["envFrom"]
    config_maps = {source["configMapRef"]["name"] for source in sources if "configMapRef" in source}
    secrets = {source["secretRef"]["name"] for source in sources if "secretRef" in source}
    assert config_maps and secrets
    defined = {doc["metadata"]["name"] for file, doc in documents if doc["kind"] == "ConfigMap" and file in applied}
    assert config_maps <= defined
    example_secrets = {doc["metadata"]["name"] for file, doc in documents if doc["kind"] == "Secret"}
    assert secrets <= example_secrets, "every secret a Deployment reads has a documented example"

    (service,) = [doc for file, doc in documents
                  if doc["kind"] == "Service" and doc["metadata"]["name"] == name and file in applied]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()


@pytest.mark.parametrize("folder", SERVICE_FOLDERS, ids=lambda folder: folder.name)
def test_kubernetes_secret_examples_list_every_secret_of_every_service(folder):
    """The Secrets a Deployment reads list each secret of its service, with a value the service refuses
    (applied as they are, nothing starts), and no shared setting declares a development deployment."""
    name = folder.name
    documents = k8s_documents()
    (deployment,) = [doc for file, doc in documents if doc["kind"] == "Deployment" and doc["metadata"]["name"] == name]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    read = {source["secretRef"]["name"] for source in container["envFrom"] if "secretRef" in source}
    examples = {doc["metadata"]["name"]: doc.get("stringData") or {} for file, doc in documents if doc["kind"] == "Secret"}
    listed = {}
    for secret_name in read:
        listed.update(examples.get(secret_name, {}))
    for secret in platform_secrets.SERVICE_SECRETS[name]:
        assert secret in listed, f"{name}: no Secret it reads in secrets.example.yaml lists {secret}"
        assert platform_secrets.problems({secret: listed[secret]}, [secret]), \
            f"{name}: the example's {secret} must be a placeholder the service refuses"
    for connection in platform_secrets.CONNECTIONS:  # the database and broker credentials, in their URLs
        assert connection in listed, f"{name}: no Secret it reads in secrets.example.yaml lists {connection}"
        assert platform_secrets.connection_problems({connection: listed[connection]}, [connection]), \
            f"{name}: the example's {connection} must carry a placeholder password the service refuses"
    for file, doc in documents:
        if doc["kind"] == "ConfigMap":
            assert not platform_secrets.is_development(doc["data"]), f"{file}: a development deployment"
