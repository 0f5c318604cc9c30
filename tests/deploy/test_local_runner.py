"""`make run`'s own modules import with what `make install` installs (a missing package would only
show on a fresh machine), and each process it starts is on the one table."""
import importlib

from deploy.local import processes


def test_the_runner_and_its_helpers_import():
    for module in ("deploy.local.run", "deploy.local.announce", "deploy.local.system", "deploy.local.clients"):
        importlib.import_module(module)


def test_every_process_has_a_config_and_a_service_module():
    for name, folder, module, port in processes.PROCESSES:
        assert (folder / "config.yml").is_file(), name
        assert importlib.import_module(module), name
        assert 1024 < port < 65536


def test_run_points_every_service_at_its_own_database(monkeypatch):
    from deploy.local.run import process_env

    monkeypatch.setenv("PGPORT", "5433")
    monkeypatch.delenv("INTAKE_DB_URL", raising=False)
    assert process_env("intake", 9101)["DB_URL"] == "postgresql://intake:intake@127.0.0.1:5433/intake"
    monkeypatch.setenv("INTAKE_DB_URL", "postgresql://x@db.example:5432/intake")
    assert process_env("intake", 9101)["DB_URL"] == "postgresql://x@db.example:5432/intake"


def test_run_is_a_development_deployment_unless_the_environment_says_otherwise(monkeypatch):
    """`make run` keeps working without secrets (servicekit's development defaults); an operator who
    sets PLATFORM_ENV gets what they asked for, secrets required."""
    from deploy.local.run import process_env

    monkeypatch.delenv("PLATFORM_ENV", raising=False)
    assert all(process_env(name, port)["PLATFORM_ENV"] == "development"
               for name, _folder, _module, port in processes.PROCESSES)
    monkeypatch.setenv("PLATFORM_ENV", "production")
    assert process_env("gateway", 8000)["PLATFORM_ENV"] == "production"
