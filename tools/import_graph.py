"""The project's import graph, drawn as text from the source (ast, nothing is imported), and its rules checked.

    python tools/import_graph.py              the graph of the layers' units, bottom to top, and the rules
    python tools/import_graph.py --modules    the same with every module on its own line

Exit status 1 when a rule is broken; each broken rule is listed with the imports that break it.
tests/test_import_graph.py runs it. The rules are the tables below: change the tables, not the code.

- LAYERS, bottom to top: a module imports its own layer and the layers below it, never one above.
- APART: the modules under one of these packages never import each other (the package's own
  `__init__`, what they share, they may).
- FORBIDDEN: a part of the project that must not import a package, inside the project or out.
- ONLY_THROUGH: a part of the project that may import another only through these names.
- No cycle among modules, and none among the units of the layers.

Every import counts, also one inside a function or under `if TYPE_CHECKING`: a lazy import is still a
dependency.
"""
from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What is read: these packages and top-level modules of the project (tests and tools are not).
SOURCES = ("quotes", "schemas", "desk", "backfill", "web", "app", "training", "bench")

# (layer, its units), bottom to top. A module belongs to the unit that names it or the package holding it,
# the most specific one first; a unit is a module or a package.
ENGINE_LAYERS = [  # the lead's to keep: the engine's own layout (issue 26)
    ("engine: language data and models", ["quotes.nlp", "quotes.article", "quotes.normalise", "quotes.learned",
                                          "quotes.html_text", "quotes.embeds", "quotes.anchors"]),
    ("engine: English", ["quotes.english"]),
    ("engine: who spoke", ["quotes.speaker"]),
    ("engine: stages", ["quotes.stages"]),
    ("engine: pipeline", ["quotes.records", "quotes.pipeline", "quotes"]),
    ("engine: entry points", ["quotes.batch", "quotes.evaluate"]),
]
LAYERS = ENGINE_LAYERS + [
    ("archive", ["desk"]),
    ("contract", ["schemas"]),  # the bodies of the API, which name the archive's vocabulary (desk.alarms)
    ("command line", ["quotes.cli"]),  # `quotes extract` answers with the API's JSON (schemas)
    ("backfill", ["backfill"]),
    ("web", ["web"]),
    ("application", ["app"]),
    ("training and benchmarks", ["training", "bench"]),
]
APART = ["quotes.stages"]  # no stage imports another
FORBIDDEN = [
    # (importer, what it must not import, why)
    ("quotes", ["flask", "werkzeug", "sqlalchemy", "alembic", "celery", "kombu", "redis", "desk", "backfill", "web",
                "app"], "the engine knows no web layer, database or queue"),
    ("schemas", ["flask", "sqlalchemy", "celery", "redis", "backfill", "web", "app"],
     "the API contract is plain marshmallow"),
    ("desk", ["flask", "celery", "kombu", "redis", "backfill", "web", "app"],
     "the archive knows no web layer and no queue (a Flask app reaches it through Archive.init_app)"),
    ("backfill", ["flask", "web", "app"], "the workers run without the web layer"),
]
ONLY_THROUGH = [
    # (importer, imported, the only names it may import from there, why)
    ("web", "backfill", ["backfill.tasks.submit", "backfill.state"],
     "the web layer queues a job through submit and reads its state; the Celery app and the task are the workers'"),
]


@dataclass(frozen=True)
class Import:
    importer: str  # a module of the project
    target: str  # the module imported: a project module, or the top-level name of an outside package
    names: tuple[str, ...]  # for `from target import a, b`: "target.a", "target.b"
    line: int

    def where(self) -> str:
        return f"{self.importer}:{self.line}"


def modules(root: Path) -> dict[str, Path]:
    """Every module of SOURCES under `root`, by dotted name (a package by its own name: its __init__)."""
    found = {}
    for source in SOURCES:
        if (root / f"{source}.py").is_file():
            found[source] = root / f"{source}.py"
        for path in sorted((root / source).rglob("*.py")) if (root / source).is_dir() else []:
            parts = path.relative_to(root).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """The imports of one module: a project module when the name is one, else its package's top name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, resolve(alias.name, known), (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..a import b
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            names_by_target = defaultdict(list)  # `from a import b, c`: b may be a module, c a name in a
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names_by_target[submodule if submodule in known else resolve(base, known)].append(submodule)
            for target, names in names_by_target.items():
                yield Import(name, target, tuple(names), node.lineno)


def resolve(dotted: str, known: dict[str, Path]) -> str:
    """The longest project module that `dotted` names or lies in; outside the project, its top-level name."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return parts[0]


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def unit_of(module: str) -> str | None:
    """The unit of LAYERS the module belongs to: the most specific one that names it or holds it."""
    units = [unit for _, layer_units in LAYERS for unit in layer_units if under(module, unit)]
    return max(units, key=len, default=None)


def layer_of(module: str) -> int | None:
    unit = unit_of(module)
    return next((number for number, (_, units) in enumerate(LAYERS) if unit in units), None)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def broken_rules(imports: list[Import], known: dict[str, Path]) -> list[str]:
    """One line per import that breaks a rule (and per cycle)."""
    problems = []
    for item in imports:
        if item.target in known and item.target != item.importer:
            mine, theirs = layer_of(item.importer), layer_of(item.target)
            if mine is not None and theirs is not None and theirs > mine:
                problems.append(f"{item.where()} imports {item.target}: the layer '{LAYERS[theirs][0]}' is above "
                                f"'{LAYERS[mine][0]}'")
        for package in APART:
            if under(item.importer, package) and under(item.target, package) \
                    and package not in (item.importer, item.target) and item.importer != item.target:
                problems.append(f"{item.where()} imports {item.target}: the modules of {package} import no other")
        for importer, targets, why in FORBIDDEN:
            if under(item.importer, importer) and any(under(item.target, target) for target in targets):
                problems.append(f"{item.where()} imports {item.target}: {why}")
        for importer, imported, allowed, why in ONLY_THROUGH:
            if under(item.importer, importer) and under(item.target, imported):
                names = item.names or (item.target,)
                if not all(any(under(name, through) for through in allowed) for name in names):
                    problems.append(f"{item.where()} imports {', '.join(names)}: only {', '.join(allowed)} ({why})")
    module_graph = graph_of(imports, known, lambda module: module)
    unit_graph = graph_of(imports, known, unit_of)
    for kind, graph in (("modules", module_graph), ("units", unit_graph)):
        problems += [f"a cycle among {kind}: {' -> '.join(component)}" for component in cycles(graph)]
    return problems


def graph_of(imports: list[Import], known: dict[str, Path], node) -> dict[str, set[str]]:
    """Who imports whom within the project, with `node` naming each module's node (dropping those it names None)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for item in imports:
        if item.target in known:
            source, target = node(item.importer), node(item.target)
            if source and target and source != target:
                graph[source].add(target)
    return graph


def draw(imports: list[Import], known: dict[str, Path], by_module: bool) -> str:
    """The graph as text: each layer, bottom to top, and what each of its units (or modules) imports."""
    node = (lambda module: module) if by_module else unit_of
    graph = graph_of(imports, known, node)
    members = defaultdict(set)
    for module in known:
        if (name := node(module)) is not None:
            members[layer_of(module)].add(name)
    width = max((len(name) for names in members.values() for name in names), default=0)
    lines = []
    for number, (layer, _) in enumerate(LAYERS):
        if members[number]:
            lines.append(f"{number + 1}. {layer}")
            lines += [f"   {name:<{width}}  -> {', '.join(sorted(graph[name])) or '-'}"
                      for name in sorted(members[number])]
    unplaced = sorted(module for module in known if layer_of(module) is None)
    if unplaced:
        lines.append(f"in no layer: {', '.join(unplaced)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--modules", action="store_true", help="a line per module, not per unit")
    options.add_argument("--root", type=Path, default=ROOT, help="the project to read (default: this one)")
    args = options.parse_args(argv)
    known = modules(args.root)
    imports = [item for name, path in known.items() for item in imports_of(name, path, known)]
    print(draw(imports, known, args.modules))
    problems = broken_rules(imports, known)
    for problem in problems:
        print(f"BROKEN: {problem}", file=sys.stderr)
    print(f"{len(known)} modules, {len(imports)} imports: "
          + (f"{len(problems)} broken rules" if problems else "every rule holds"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
