"""The package's folders are the pipeline's stages, and data flows one way: a stage
imports only itself, the stages before it, the shared modules at the top and the cache
beside it; no module takes part in an import circle."""
import ast
import os

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sitegen")
# In the order data flows; "editor" writes posts into content/ for serve's editor pages;
# "commands" are build.py, cli*.py, scaffold.py and serve/.
STAGES = ["shared", "read", "check", "site", "render", "write", "publish", "editor", "commands"]
COMMANDS = {"build", "cli", "cliparts", "clipublish", "scaffold", "__main__"}


def stage_of(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return "shared"
    if len(parts) == 1:
        return "commands" if parts[0] in COMMANDS else "shared"
    return "commands" if parts[0] == "serve" else parts[0]


def imports() -> dict:
    """{module: {module it imports from the package}}, lazy imports included."""
    found = {}
    for base, dirs, files in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "theme")]
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(base, name)
            module = "sitegen" + path[len(PACKAGE):-3].replace(os.sep, ".").removesuffix(".__init__")
            targets = set()
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
                    for alias in node.names:
                        whole = f"{node.module}.{alias.name}"
                        is_module = os.path.exists(os.path.join(PACKAGE, *whole.split(".")[1:]) + ".py")
                        targets.add(whole if is_module else node.module)
            found[module] = targets
    return found


def test_every_stage_is_a_folder():
    folders = {d for d in os.listdir(PACKAGE) if os.path.isdir(os.path.join(PACKAGE, d))}
    assert {"read", "check", "site", "render", "write", "publish", "editor", "serve", "cache", "theme"} <= folders


def test_no_stage_imports_a_later_one():
    against = []
    for module, targets in imports().items():
        here = stage_of(module)
        for target in targets:
            there = stage_of(target)
            if "cache" in (here, there):
                continue  # beside the pipeline, entered from the stages that keep data
            if STAGES.index(there) > STAGES.index(here):
                against.append(f"{module} imports {target}")
    assert against == []


def test_no_import_circles():
    graph = imports()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False
    circles = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if a != b and reaches(b, a)})
    assert circles == []
