"""The capability_api contract: a package is reached through its __init__, and only that is allowed."""

from __future__ import annotations

import grimp
import pytest
from scripts.import_contracts import CapabilityApiContract, capability_packages, reaches_inside


def graph_of(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for name in (
        "app",
        "app.services",
        "app.services.alerts",
        "app.services.alerts.store",
        "app.services.alerts.engine",
        "app.services.hall",
        "app.services.hall.context",
        "app.services.flat",
        "app.ui",
        "app.ui.board",
        "app.ui.board.page",
    ):
        graph.add_module(name)
    for importer, imported in imports:
        graph.add_import(
            importer=importer, imported=imported, line_number=3, line_contents=f"import {imported}"
        )
    return graph


def contract(**options: list[str]) -> CapabilityApiContract:
    return CapabilityApiContract(
        name="api", session_options={"root_packages": ["app"]}, contract_options=options
    )


def test_packages_with_modules_are_capabilities_and_flat_modules_are_not() -> None:
    graph = graph_of()
    assert capability_packages(graph, ["app.services", "app.ui"]) == {
        "app.services.alerts",
        "app.services.hall",
        "app.ui.board",
    }


def test_importing_a_package_and_imports_inside_it_are_kept() -> None:
    graph = graph_of(
        ("app.ui.board.page", "app.services.alerts"),
        ("app.services.alerts", "app.services.alerts.store"),
        ("app.services.alerts.engine", "app.services.alerts.store"),
        ("app.services.alerts.engine", "app.services.hall"),
    )
    check = contract(containers=["app.services", "app.ui"]).check(graph, verbose=False)
    assert check.kept


def test_reaching_into_another_package_breaks_it_and_names_the_package_to_use() -> None:
    graph = graph_of(
        ("app.ui.board.page", "app.services.alerts.store"),
        ("app.services.alerts.engine", "app.services.hall.context"),
    )
    check = contract(containers=["app.services", "app.ui"]).check(graph, verbose=False)
    assert not check.kept
    assert sorted((r.importer, r.imported, r.package, r.line_number) for r in check.metadata["reaches"]) == [
        ("app.services.alerts.engine", "app.services.hall.context", "app.services.hall", 3),
        ("app.ui.board.page", "app.services.alerts.store", "app.services.alerts", 3),
    ]


@pytest.mark.parametrize("listed", [True, False])
def test_a_package_named_on_its_own_is_guarded_only_when_listed(listed: bool) -> None:
    graph = graph_of(("app.ui.board.page", "app.services.hall.context"))
    options = {"containers": ["app.ui"], **({"packages": ["app.services.hall"]} if listed else {})}
    assert contract(**options).check(graph, verbose=False).kept is not listed


def test_the_project_keeps_it() -> None:
    graph = grimp.build_graph("hallmonitor")
    packages = capability_packages(graph, ["hallmonitor.services", "hallmonitor.reports", "hallmonitor.ui"])
    assert {"hallmonitor.services.alerts", "hallmonitor.ui.board", "hallmonitor.reports.weekly"} <= packages
    assert reaches_inside(graph, packages | {"hallmonitor.demo"}) == []
