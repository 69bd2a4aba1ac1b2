"""Import-linter contracts of our own, named in ``[tool.importlinter]`` of pyproject.toml.

``capability_api``: a capability package (a package inside one of the
``containers``, such as ``hallmonitor.services.alerts``, or one of the
``packages`` named on their own, such as ``hallmonitor.demo``) is used from outside
only through its ``__init__``, which names what other packages may use. Its
modules are free to change shape as long as that list holds, which is what
lets a capability be split or rewritten without touching its callers.
Modules inside the package import each other directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import grimp
from importlinter import Contract, ContractCheck, fields, output


@dataclass(frozen=True, order=True)
class Reach:
    importer: str
    imported: str
    package: str
    line_number: int
    line_contents: str


def capability_packages(graph: grimp.ImportGraph, containers: list[str]) -> set[str]:
    """The packages directly inside each container that hold modules of their own."""
    return {child for c in containers for child in graph.find_children(c) if graph.find_children(child)}


def reaches_inside(graph: grimp.ImportGraph, packages: set[str]) -> list[Reach]:
    found = []
    for package in sorted(packages):
        inside = {package} | graph.find_descendants(package)
        for module in sorted(inside - {package}):
            for importer in sorted(graph.find_modules_that_directly_import(module) - inside):
                for detail in graph.get_import_details(importer=importer, imported=module) or [{}]:
                    found.append(
                        Reach(
                            importer,
                            module,
                            package,
                            detail.get("line_number", 0),
                            detail.get("line_contents", ""),
                        )
                    )
    return found


class CapabilityApiContract(Contract):
    type_name = "capability_api"

    containers = fields.ListField(subfield=fields.StringField())
    packages = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        packages = capability_packages(graph, list(self.containers))  # type: ignore[arg-type]
        packages |= set(self.packages or [])  # type: ignore[arg-type]
        found = reaches_inside(graph, packages)
        return ContractCheck(kept=not found, metadata={"reaches": found, "packages": sorted(packages)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for reach in check.metadata["reaches"]:
            output.print_error(
                f"{reach.importer} imports {reach.imported} (l.{reach.line_number}: {reach.line_contents.strip()})"
                f": import it from {reach.package} instead, adding it to that package's __init__ if it is meant"
                " to be used outside",
                bold=False,
            )
            output.new_line()
