#!/usr/bin/env python3
"""Refresh the translation sources and build the .qm files the application loads.

    .venv/bin/python scripts/update_translations.py [--drop-obsolete]

1. `pyside6-lupdate` reads every `desktop_app/**/*.py` for `self.tr(...)` and
   `QCoreApplication.translate(...)` (the Qt side) into `resources/translations/*.ts`.
2. The pure-Python side (domain rules, services, receipts) has no Qt: it speaks English templates
   (`Text(...)`, the domain's errors, the receipts' `translate(...)`) that the window translates
   late under the context "texts", and it translates the words it fills into them (status labels,
   document names, role and permission names). lupdate cannot see any of that, so this script
   finds them with `ast` and hands them to lupdate as a generated catalogue of
   `QT_TRANSLATE_NOOP("texts", ...)`, letting lupdate do the merging it is good at: existing
   translations are kept, new messages are marked unfinished, vanished ones are marked so. The
   catalogue's line numbers are then replaced with the real source locations.
3. `pyside6-lrelease` compiles each .ts to its .qm (checked in, so installs need no build step).

Running it twice changes nothing the second time.

How the "texts" are found (`extract_texts`): a call is a *sink* when it translates one of its
arguments. `Text(template, **values)` is the first one: the template is a message and every string
value is translated too. A function that passes one of its own parameters on to a sink is a sink
for that parameter (`RuleRefusal(message, **params)`, `InvalidInput.single(field, message)`,
`required_text(text, what)`, ...), found to a fixed point. In the receipts, `translate(...)`,
`t(...)` and `_t(...)` are sinks too. At every sink the argument's possible strings are worked
out: literals, both arms of `x if c else y`, the values of module-level tables (`STATUS_LABELS[s]`),
the elements a loop or comprehension walks over, local variables, what a called function returns
(`DocumentsPresented.missing()`), and `param.value` of a parameter annotated with a str enum
(`role: Role`). A template that is none of these (an f-string, a concatenation) cannot be
translated and is reported as a problem.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_app"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
TS_PREFIX = "repair_counter_"
TEXTS_CONTEXT = "texts"  # desktop_app.ui.resources.TEXTS_CONTEXT
CATALOGUE_NAME = "texts_catalogue.cpp"

TEMPLATE = "template"  # the argument is a message template
VALUE = "value"  # the argument is a word the message's renderer translates too

# Receipts translate their fixed labels themselves through the translator they are handed.
RECEIPT_TRANSLATE_CALLS = frozenset({"translate", "t", "_t"})
RECEIPTS = PACKAGE / "receipts"
ENUM_BASES = frozenset({"StrEnum", "Enum"})
# Only text parameters can carry a message or a word (an id or a date passed on is not one).
TEXT_ANNOTATIONS = frozenset({"str", "str | None", "Optional[str]", "Any"})
# Calls are matched by name; these names belong to builtins' methods far more often than to ours.
NEVER_SINKS = frozenset(
    [
        "get",
        "pop",
        "setdefault",
        "update",
        "format",
        "join",
        "replace",
        "append",
        "extend",
        "add",
        "remove",
        "index",
        "count",
        "split",
        "strip",
        "startswith",
        "endswith",
        "encode",
    ]
)


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"{TS_PREFIX}{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"{TS_PREFIX}{language}.qm"


# --- what the extractor finds -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Found:
    """One place a translatable string comes from."""

    path: str  # relative to the repository root
    line: int
    text: str
    kind: str  # TEMPLATE or VALUE
    fills: str = ""  # for a VALUE: the placeholder it fills, e.g. "{document}"


@dataclass(frozen=True, order=True)
class Problem:
    """A message template that cannot be translated because it is not a fixed string."""

    path: str
    line: int
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: not a fixed string, cannot be translated: {self.code}"


@dataclass(frozen=True, order=True)
class Join:
    """A value made by joining words (`", ".join(...)`): translated only as a whole."""

    path: str
    line: int
    separator: str
    code: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: a joined list is translated only as a whole phrase: "
            f"{self.code}"
        )


@dataclass
class Extraction:
    found: list[Found] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)

    def texts(self) -> set[str]:
        return {f.text for f in self.found}


# Words the domain passes to the renderer in ways no static reading resolves. Each entry names
# why; `joined_phrases` adds the lists the domain joins into one value.
EXTRA_VOCABULARY: tuple[tuple[str, str, str], ...] = (
    # services/jobs.py: RuleRefusal("... this job is {c}", c=job.coverage) passes the raw value.
    ("desktop_app/domain/rules.py", "Coverage", "{c}"),
)


@dataclass
class _Sink:
    """Which arguments of a callable are translated."""

    positions: dict[int, str] = field(default_factory=dict)
    keywords: dict[str, str] = field(default_factory=dict)
    extra_keywords: str | None = None  # what happens to keywords the callable does not name

    def merge(self, other: _Sink) -> bool:
        changed = False
        for index, kind in other.positions.items():
            if index not in self.positions:
                self.positions[index] = kind
                changed = True
        for name, kind in other.keywords.items():
            if name not in self.keywords:
                self.keywords[name] = kind
                changed = True
        if other.extra_keywords and not self.extra_keywords:
            self.extra_keywords = other.extra_keywords
            changed = True
        return changed


@dataclass
class _Module:
    path: Path
    tree: ast.Module
    parents: dict[ast.AST, ast.AST]

    @property
    def relative(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def is_receipts(self) -> bool:
        return RECEIPTS in self.path.parents


def _callee_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _string_elements(node: ast.AST) -> list[tuple[str, int]] | None:
    """The strings of a literal table (dict values, or list/tuple/set elements)."""
    items: list[ast.AST | None]
    if isinstance(node, ast.Dict):
        items = list(node.values)
    elif isinstance(node, ast.List | ast.Tuple | ast.Set):
        items = list(node.elts)
    else:
        return None
    strings = [
        (item.value, item.lineno)
        for item in items
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
    ]
    return strings or None


class _Extractor:
    def __init__(self, files: Iterable[Path]) -> None:
        self.modules: list[_Module] = []
        for path in sorted(files):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            parents = {
                child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
            }
            self.modules.append(_Module(path, tree, parents))
        self.constants: dict[str, list[tuple[str, int, _Module]]] = {}
        self.enums: dict[str, dict[str, tuple[str, int, _Module]]] = {}
        self.functions: dict[str, list[tuple[ast.FunctionDef, _Module]]] = {}
        self.subclasses: dict[str, set[str]] = {}
        self._index()
        self.sinks: dict[str, _Sink] = {"Text": _Sink({0: TEMPLATE}, {}, VALUE)}
        self._derive_sinks()

    # --- indexing ---------------------------------------------------------------------------

    def _index(self) -> None:
        for module in self.modules:
            for node in module.tree.body:
                target = None
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target, value = node.targets[0], node.value
                elif isinstance(node, ast.AnnAssign) and node.value is not None:
                    target, value = node.target, node.value
                if isinstance(target, ast.Name):
                    strings = _string_elements(value)
                    if strings:
                        self.constants.setdefault(target.id, []).extend(
                            (text, line, module) for text, line in strings
                        )
            for node in ast.walk(module.tree):
                if isinstance(node, ast.ClassDef):
                    bases = {
                        b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                        for b in node.bases
                    }
                    for base in bases:
                        self.subclasses.setdefault(base, set()).add(node.name)
                    if bases & ENUM_BASES:
                        members = self.enums.setdefault(node.name, {})
                        for item in node.body:
                            if (
                                isinstance(item, ast.Assign)
                                and isinstance(item.targets[0], ast.Name)
                                and isinstance(item.value, ast.Constant)
                                and isinstance(item.value.value, str)
                            ):
                                members[item.targets[0].id] = (
                                    item.value.value,
                                    item.value.lineno,
                                    module,
                                )
                elif isinstance(node, ast.FunctionDef):
                    self.functions.setdefault(node.name, []).append((node, module))

    def _all_subclasses(self, name: str) -> set[str]:
        found: set[str] = set()
        pending = [name]
        while pending:
            for sub in self.subclasses.get(pending.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    pending.append(sub)
        return found

    @staticmethod
    def _enclosing(module: _Module, node: ast.AST) -> ast.FunctionDef | None:
        parent = module.parents.get(node)
        while parent is not None and not isinstance(parent, ast.FunctionDef):
            parent = module.parents.get(parent)
        return parent

    @staticmethod
    def _explicit_params(function: ast.FunctionDef, module: _Module) -> list[ast.arg]:
        """Parameters a caller passes (without self/cls of a method)."""
        params = [*function.args.posonlyargs, *function.args.args]
        is_method = isinstance(module.parents.get(function), ast.ClassDef)
        static = any(
            isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list
        )
        if is_method and not static and params:
            params = params[1:]
        return params

    def _sink_for(self, call: ast.Call, module: _Module) -> _Sink | None:
        name = _callee_name(call)
        if name is None:
            return None
        if name in RECEIPT_TRANSLATE_CALLS and module.is_receipts and len(call.args) == 1:
            return _Sink({0: TEMPLATE})
        return self.sinks.get(name)

    def _sink_arguments(self, call: ast.Call, sink: _Sink) -> Iterator[tuple[ast.AST, str, str]]:
        """(argument, kind, placeholder it fills) for every translated argument of a call."""
        for index, argument in enumerate(call.args):
            if index in sink.positions and not isinstance(argument, ast.Starred):
                yield argument, sink.positions[index], ""
        for keyword in call.keywords:
            if keyword.arg is None:
                continue
            if keyword.arg in sink.keywords:
                yield keyword.value, sink.keywords[keyword.arg], ""
            elif sink.extra_keywords:
                yield keyword.value, sink.extra_keywords, f"{{{keyword.arg}}}"

    def _derive_sinks(self) -> None:
        """A function passing its own parameter to a sink is a sink for that parameter."""
        changed = True
        while changed:
            changed = False
            for functions in self.functions.values():
                for function, module in functions:
                    derived = self._derived_sink(function, module)
                    if derived is None:
                        continue
                    names = [function.name]
                    if function.name == "__init__":
                        owner = module.parents.get(function)
                        assert isinstance(owner, ast.ClassDef)
                        names = [owner.name, *sorted(self._all_subclasses(owner.name))]
                    for name in names:
                        changed |= self.sinks.setdefault(name, _Sink()).merge(derived)

    def _derived_sink(self, function: ast.FunctionDef, module: _Module) -> _Sink | None:
        if function.name in NEVER_SINKS:
            return None
        params = self._explicit_params(function, module)
        positions = {p.arg: i for i, p in enumerate(params) if _is_text(p)}
        keyword_only = {p.arg for p in function.args.kwonlyargs if _is_text(p)}
        kwargs = function.args.kwarg.arg if function.args.kwarg else None
        derived = _Sink()
        for node in ast.walk(function):
            if not isinstance(node, ast.Call) or self._enclosing(module, node) is not function:
                continue
            sink = self._sink_for(node, module)
            if sink is None:
                continue
            for argument, kind, _fills in self._sink_arguments(node, sink):
                if isinstance(argument, ast.Name):
                    if argument.id in positions:
                        derived.positions[positions[argument.id]] = kind
                        derived.keywords[argument.id] = kind
                    elif argument.id in keyword_only:
                        derived.keywords[argument.id] = kind
            if sink.extra_keywords and kwargs:
                forwards = any(
                    k.arg is None and isinstance(k.value, ast.Name) and k.value.id == kwargs
                    for k in node.keywords
                )
                if forwards:
                    derived.extra_keywords = sink.extra_keywords
        if derived.positions or derived.keywords or derived.extra_keywords:
            return derived
        return None

    # --- what an expression may be ----------------------------------------------------------

    def strings(
        self, node: ast.AST, module: _Module, seen: frozenset[int] = frozenset()
    ) -> tuple[list[tuple[str, int, _Module]], bool]:
        """The strings `node` may be (or contain), each with where it is written; and whether
        that is all of them."""
        if id(node) in seen:
            return [], False
        seen = seen | {id(node)}
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return [(node.value, node.lineno, module)], True
            return [], True
        if isinstance(node, ast.IfExp):
            return self._union([node.body, node.orelse], module, seen)
        if isinstance(node, ast.BoolOp):
            return self._union(node.values, module, seen)
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return self._union(node.elts, module, seen)
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp):
            return self.strings(node.elt, module, seen)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            table = self.constants.get(node.value.id)
            if table:
                return list(table), True
            return [], False
        if isinstance(node, ast.Name):
            return self._name_strings(node, module, seen)
        if isinstance(node, ast.Attribute):
            return self._attribute_strings(node, module)
        if isinstance(node, ast.Call):
            return self._call_strings(node, module, seen)
        return [], False

    def _union(
        self, nodes: Iterable[ast.AST], module: _Module, seen: frozenset[int]
    ) -> tuple[list[tuple[str, int, _Module]], bool]:
        strings: list[tuple[str, int, _Module]] = []
        complete = True
        for item in nodes:
            found, whole = self.strings(item, module, seen)
            strings += found
            complete &= whole
        return strings, complete

    def _call_strings(
        self, node: ast.Call, module: _Module, seen: frozenset[int]
    ) -> tuple[list[tuple[str, int, _Module]], bool]:
        name = _callee_name(node)
        if name in ("enumerate", "sorted", "reversed", "list", "tuple", "set") and node.args:
            return self.strings(node.args[0], module, seen)
        if (
            name == "get"
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in self.constants
        ):
            # TABLE.get(key[, default]): one of the table's strings, or the default
            found, complete = self._union(node.args[1:], module, seen)
            return list(self.constants[node.func.value.id]) + found, complete
        functions = self.functions.get(name or "", [])
        if not functions:
            return [], False
        strings: list[tuple[str, int, _Module]] = []
        complete = True
        for function, owner in functions:
            returns = [
                r.value
                for r in ast.walk(function)
                if isinstance(r, ast.Return)
                and r.value is not None
                and self._enclosing(owner, r) is function
            ]
            found, whole = self._union(returns, owner, seen)
            strings += found
            complete &= whole and bool(returns)
        return strings, complete

    def _attribute_strings(
        self, node: ast.Attribute, module: _Module
    ) -> tuple[list[tuple[str, int, _Module]], bool]:
        # Enum.MEMBER or Enum.MEMBER.value
        target = node.value if node.attr == "value" else node
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.attr in self.enums.get(target.value.id, {})
        ):
            return [self.enums[target.value.id][target.attr]], True
        # param.value where the parameter is annotated with a str enum (role: Role)
        if node.attr == "value" and isinstance(node.value, ast.Name):
            function = self._enclosing(module, node)
            if function is not None:
                for param in [*function.args.posonlyargs, *function.args.args]:
                    annotation = param.annotation
                    if (
                        param.arg == node.value.id
                        and isinstance(annotation, ast.Name)
                        and annotation.id in self.enums
                    ):
                        return list(self.enums[annotation.id].values()), True
        return [], False

    def _name_strings(
        self, node: ast.Name, module: _Module, seen: frozenset[int]
    ) -> tuple[list[tuple[str, int, _Module]], bool]:
        name = node.id
        # A loop or comprehension variable: the elements of what it walks over.
        child: ast.AST = node
        parent = module.parents.get(node)
        while parent is not None and not isinstance(parent, ast.FunctionDef):
            if isinstance(parent, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
                for generator in parent.generators:
                    if name in _bound_names(generator.target):
                        return self.strings(generator.iter, module, seen)
            if (
                isinstance(parent, ast.For)
                and child in parent.body
                and name in _bound_names(parent.target)
            ):
                return self.strings(parent.iter, module, seen)
            child, parent = parent, module.parents.get(parent)
        function = parent
        if function is not None:
            params = {p.arg for p in ast.walk(function.args) if isinstance(p, ast.arg)}
            if name in params:
                return [], False
            assigned = self._local_values(function, name, module)
            if assigned is not None:
                return self._union(assigned, module, seen)
        table = self.constants.get(name)
        if table:
            return list(table), True
        return [], False

    def _local_values(
        self, function: ast.FunctionDef, name: str, module: _Module
    ) -> list[ast.AST] | None:
        """What a local variable is assigned, and what is appended to it."""
        values: list[ast.AST] = []
        for node in ast.walk(function):
            if self._enclosing(module, node) is not function:
                continue
            assigned = (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            ) or (
                isinstance(node, ast.AnnAssign | ast.AugAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id == name
            )
            value = getattr(node, "value", None)
            if assigned and value is not None:
                values.append(value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend", "add")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == name
                and node.args
            ):
                values.append(node.args[0])
        return values or None

    # --- collecting -------------------------------------------------------------------------

    def extract(self) -> Extraction:
        result = Extraction()
        for module in self.modules:
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call):
                    continue
                sink = self._sink_for(node, module)
                if sink is None:
                    continue
                for argument, kind, fills in self._sink_arguments(node, sink):
                    join = _join_separator(argument)
                    if join is not None:
                        code = ast.get_source_segment(
                            module.path.read_text(encoding="utf-8"), argument
                        )
                        result.joins.append(Join(module.relative, node.lineno, join, code or "?"))
                    strings, complete = self.strings(argument, module)
                    for text, line, owner in strings:
                        if text.strip():
                            result.found.append(Found(owner.relative, line, text, kind, fills))
                    if (
                        kind == TEMPLATE
                        and not complete
                        and not self._is_wrapper_param(argument, module)
                    ):
                        code = ast.get_source_segment(
                            module.path.read_text(encoding="utf-8"), argument
                        )
                        result.problems.append(Problem(module.relative, node.lineno, code or "?"))
        for relative, enum, fills in EXTRA_VOCABULARY:
            for text, line, owner in self.enums.get(enum, {}).values():
                if owner.relative == relative:
                    result.found.append(Found(relative, line, text, VALUE, fills))
        result.found = sorted(set(result.found))
        result.problems = sorted(set(result.problems))
        result.joins = sorted(set(result.joins))
        return result

    def _is_wrapper_param(self, argument: ast.AST, module: _Module) -> bool:
        """`Text(message)` inside a function whose caller supplies `message` (the caller's
        literal is collected where it is written)."""
        function = self._enclosing(module, argument)
        if function is None or not isinstance(argument, ast.Name):
            return False
        return argument.id in {p.arg for p in ast.walk(function.args) if isinstance(p, ast.arg)}


def _join_separator(node: ast.AST) -> str | None:
    """The separator of `"sep".join(...)` (also as the first operand of `or`)."""
    if isinstance(node, ast.BoolOp):
        node = node.values[0]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value
    return None


def _is_text(param: ast.arg) -> bool:
    return param.annotation is None or ast.unparse(param.annotation) in TEXT_ANNOTATIONS


def _bound_names(target: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def python_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


# The joined lists whose every possible phrase can be listed, so each gets a translation: the
# roles allowed an action (roles.require) and the statuses allowed next (workflow.check_transition).
# Other joins are reported: they need the domain to hand over the list, not the joined string.
COVERED_JOINS = {
    ("desktop_app/domain/roles.py", " or "): "roles",
    ("desktop_app/domain/workflow.py", ", "): "statuses",
    # validate_hand_back lists the accessories the clerk typed: free text, nothing to translate.
    ("desktop_app/domain/forms.py", "、"): "free text",
}


def joined_phrases(joins: Iterable[Join]) -> list[Found]:
    """Every phrase the covered joins can produce, from the domain's own tables."""
    sys.path.insert(0, str(ROOT))
    try:
        from desktop_app.domain.roles import Action, Role, may
        from desktop_app.domain.rules import Coverage
        from desktop_app.domain.workflow import STATUS_LABELS, Status, allowed_next
    finally:
        sys.path.remove(str(ROOT))
    found: list[Found] = []
    for join in joins:
        covered = COVERED_JOINS.get((join.path, join.separator))
        phrases: set[str] = set()
        if covered == "roles":
            for action in Action:
                allowed = sorted(r.value for r in Role if may(r, action))
                phrases.add(join.separator.join(allowed))
        elif covered == "statuses":
            for coverage in Coverage:
                for status in Status:
                    nexts = allowed_next(coverage, status)
                    phrases.add(join.separator.join(STATUS_LABELS[s] for s in nexts))
        found += [
            Found(join.path, join.line, phrase, VALUE, "{allowed}")
            for phrase in phrases
            if join.separator in phrase
        ]
    return sorted(set(found))


def uncovered_joins(extraction: Extraction) -> list[Join]:
    return [j for j in extraction.joins if (j.path, j.separator) not in COVERED_JOINS]


def extract_texts(files: Iterable[Path] | None = None) -> Extraction:
    """Every string the pure-Python code hands to the "texts" translator."""
    extraction = _Extractor(python_sources() if files is None else files).extract()
    extraction.found = sorted(set(extraction.found) | set(joined_phrases(extraction.joins)))
    return extraction


# --- the .ts files ------------------------------------------------------------------------------


def _cpp_string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _note(occurrences: list[Found]) -> str:
    fills = sorted({f.fills for f in occurrences if f.kind == VALUE and f.fills})
    if fills:
        return f"A word filled into {', '.join(fills)} of other messages"
    if any(f.kind == VALUE for f in occurrences):
        return "A word filled into other messages"
    return ""


def write_catalogue(found: list[Found], path: Path) -> dict[int, Found]:
    """The texts as C++ lupdate reads; returns which catalogue line stands for which place."""
    lines = [
        "// Generated by scripts/update_translations.py for lupdate; not part of the program.",
        "static const char *texts[] = {",
    ]
    where: dict[int, Found] = {}
    by_text: dict[str, list[Found]] = {}
    for item in found:
        by_text.setdefault(item.text, []).append(item)
    for text in sorted(by_text, key=lambda t: min(by_text[t])):
        note = _note(by_text[text])
        if note:
            lines.append(f"    //: {note}")
        for item in by_text[text]:
            context, source = _cpp_string(TEXTS_CONTEXT), _cpp_string(text)
            lines.append(f"    QT_TRANSLATE_NOOP({context}, {source}),")
            where[len(lines)] = item
    lines.append("};")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"update_translations: {name} not found (install PySide6 in .venv)")
    return found


def _relocate(ts: Path, where: dict[int, Found]) -> None:
    """Point the catalogue's locations at the code the texts come from."""
    pattern = re.compile(
        r'<location filename="[^"]*' + re.escape(CATALOGUE_NAME) + r'" line="(\d+)"/>'
    )

    def real(match: re.Match[str]) -> str:
        item = where[int(match.group(1))]
        filename = Path("../..", item.path).as_posix()
        if item.line <= 0:
            return f'<location filename="{filename}"/>'
        return f'<location filename="{filename}" line="{item.line}"/>'

    text = ts.read_text(encoding="utf-8")
    ts.write_text(pattern.sub(real, text), encoding="utf-8")


def update_ts(
    language: str,
    extraction: Extraction,
    drop_obsolete: bool = False,
    ts: Path | None = None,
    quiet: bool = False,
) -> Path:
    """Merge the code's messages into the language's .ts (or into `ts`, e.g. a copy)."""
    ts = ts or ts_file(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        catalogue = Path(folder, CATALOGUE_NAME)
        where = write_catalogue(extraction.found, catalogue)
        listing = Path(folder, "sources.lst")
        sources = [str(p) for p in python_sources()] + [str(catalogue)]
        listing.write_text("\n".join(sources) + "\n", encoding="utf-8")
        command = [_tool("pyside6-lupdate"), "-locations", "absolute", "-target-language", language]
        if drop_obsolete:
            command.append("-no-obsolete")
        if quiet:
            command.append("-silent")
        subprocess.run([*command, f"@{listing}", "-ts", str(ts)], check=True)
        _relocate(ts, where)
    return ts


def release(language: str, output: Path | None = None, ts: Path | None = None) -> Path:
    """Compile the .ts to a .qm (by default the one the application loads)."""
    target = output or qm_file(language)
    source = ts or ts_file(language)
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--drop-obsolete",
        action="store_true",
        help="remove messages no longer in the code (by default they are kept, marked vanished)",
    )
    args = parser.parse_args(argv)
    extraction = extract_texts()
    for problem in extraction.problems:
        print(f"warning: {problem}", file=sys.stderr)
    for join in uncovered_joins(extraction):
        print(f"warning: {join}", file=sys.stderr)
    print(f"{len(extraction.texts())} texts from the domain, services and receipts")
    for language in LANGUAGES:
        update_ts(language, extraction, args.drop_obsolete)
        release(language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
