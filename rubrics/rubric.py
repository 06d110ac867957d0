"""Rubric files: load a versioned YAML rubric and validate it, naming every error in Polish.

The file format is described for organisers in docs/rubrics.md. Packaged rubrics live in
rubrics/data/<version>.yaml. Loading is the only I/O in rubrics/: it reads the YAML file.
Every error found is reported at once, with its line in the file and its place in the
structure, so an organiser fixes a rubric in one pass.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rubrics.implementations import load_implementations
from rubrics.kinds import GROUPS, KIND_CODES, kinds_in_group
from rubrics.registry import CRITERIA, PARAMS
from rubrics.yaml_bounds import YamlBoundsError, check_yaml_bounds

# A rubric is a few hundred lines; anything near this size is not one.
MAX_RUBRIC_CHARS = 1_000_000

MACHINE_CHANNELS: tuple[str, ...] = ("website", "accessibility", "email")
# "overall" carries the jurors' overall impression, which belongs to no single contact channel.
HUMAN_CHANNELS: tuple[str, ...] = ("visit", "phone", "social_media", "email_impression", "overall")
CHANNELS: tuple[str, ...] = MACHINE_CHANNELS + HUMAN_CHANNELS
METHODS: tuple[str, ...] = ("auto", "juror")
ALL = "all"

DEFAULT_THRESHOLD = 70.0
DEFAULT_STATUETTES = 3
# The rubric version an edition is scored with unless the organiser chooses another.
# The one place the default is set: `auditor edition create` without --rubric, the demo and
# the Edition model's default read it (2027.6: the law as in force in 2026–2027 with UZD
# art. 6 pkt 3 lit. a and lit. c scored apart, and the wording learnt on real sites; issue 17).
DEFAULT_RUBRIC_BY_EDITION: dict[int, str] = {2027: "2027.6"}


def newest_default() -> str:
    """The default rubric of the newest edition year known (the Edition model's default)."""
    return DEFAULT_RUBRIC_BY_EDITION[max(DEFAULT_RUBRIC_BY_EDITION)]


_TOP_KEYS = ("version", "name", "description", "threshold", "statuettes_per_category")
_TOP_KEYS += ("licence", "categories", "criteria")
_LICENCE_KEYS = ("min_jurors", "channels_measured", "min_measured_share")
_CATEGORY_KEYS = ("id", "name", "weight", "criteria", "description")
_CRITERION_KEYS = ("id", "name", "channel", "applies_to", "weight", "method", "scale_max")
_CRITERION_KEYS += ("legal_ref", "blocking", "params", "description", "anchors")
_WEIGHT_TOLERANCE = 1e-6
# Conditions on the participant's legal status an applies_to entry may state (registry fields).
_CONDITION_KEYS = ("groups", "kinds", "public_body", "online_consumer_services", "employees_min")
CONDITION_LABELS = {
    "public_body": "podmiot publiczny",
    "online_consumer_services": "usługi dla konsumentów online",
    "employees": "liczba pracowników",
}


class RubricError(ValueError):
    """A rubric that cannot be used; `errors` lists every problem found, in Polish."""

    def __init__(self, source: str, errors: list[str]) -> None:
        self.source = source
        self.errors = list(errors)
        listing = "\n".join(f"- {e}" for e in self.errors)
        super().__init__(
            f"Rubryka {source} jest niepoprawna (błędów: {len(self.errors)}):\n{listing}"
        )


@dataclass(frozen=True)
class Condition:
    """One applies_to entry: kinds, and what the participant's legal status must be.

    `public_body` / `online_consumer_services`: the registry value required (None: any);
    `employees_min`: at least that many employees (None: any size).
    """

    kinds: frozenset[str]
    public_body: bool | None = None
    online_consumer_services: bool | None = None
    employees_min: int | None = None

    def decide(self, kind: str, status: Mapping[str, Any]) -> bool | str:
        """True or False, or the name of the attribute not known that would decide it."""
        if kind not in self.kinds:
            return False
        unknown = ""
        for name in ("public_body", "online_consumer_services"):
            wanted = getattr(self, name)
            if wanted is None:
                continue
            value = status.get(name)
            if value is None:
                unknown = unknown or name
            elif bool(value) != wanted:
                return False
        if self.employees_min is not None:
            employees = status.get("employees")
            if employees is None:
                unknown = unknown or "employees"
            elif employees < self.employees_min:
                return False
        return unknown or True


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    channel: str
    # As written in the file: ("all",), kind codes / group letters, or condition mappings.
    applies_to: tuple[Any, ...] = field(hash=False)
    kinds: frozenset[str]  # the kind codes it applies to, resolved
    weight: float
    method: str  # "auto" (a registered function) or "juror"
    scale_max: float | None  # the jurors' scale (0..scale_max) for method "juror"
    legal_ref: str | None
    blocking: bool
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    # applies_to entries with legal-status conditions; empty: `kinds` alone decides.
    conditions: tuple[Condition, ...] = ()
    # Jurors' criteria: the behavioural anchor of each score 0..scale_max, in Polish.
    anchors: tuple[str, ...] = ()

    @property
    def is_human(self) -> bool:
        return self.channel in HUMAN_CHANNELS

    def applies(self, kind: str) -> bool:
        """Whether the criterion can apply to `kind` (conditions aside: see `applicability`)."""
        return kind in self.kinds

    def applicability(self, kind: str, status: Mapping[str, Any] | None) -> bool | str:
        """True, False, or the registry attribute whose unknown value leaves it undecided.

        `status` holds the participant's `public_body`, `online_consumer_services` and
        `employees` (None or absent: not known). Any entry that applies makes it apply.
        """
        if not self.conditions:
            return kind in self.kinds
        undecided: bool | str = False
        for condition in self.conditions:
            verdict = condition.decide(kind, status or {})
            if verdict is True:
                return True
            undecided = undecided or verdict
        return undecided


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    weight: float
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class LicenceRules:
    """What must be assessed before points can earn a licence (docs/ranking.md, the gate)."""

    # Every applicable jurors' criterion scored by at least this many jurors.
    min_jurors: int = 2
    # Machine channels that must be measured (at least one applicable criterion scored).
    channels_measured: tuple[str, ...] = ("email",)
    # The measured share of the applicable weight (category weights × measured share).
    min_measured_share: float = 0.8


@dataclass(frozen=True)
class Rubric:
    version: str
    name: str
    threshold: float
    statuettes_per_category: int
    categories: tuple[Category, ...]
    criteria: tuple[Criterion, ...]
    sha256: str  # of the file's bytes: which exact rubric scored an edition
    licence: LicenceRules = LicenceRules()
    _by_id: dict[str, Criterion] = field(init=False, repr=False, compare=False, hash=False)
    _category_of: dict[str, Category] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Look-ups by id are hot when scoring thousands of participants.
        object.__setattr__(self, "_by_id", {c.id: c for c in self.criteria})
        object.__setattr__(
            self, "_category_of", {cid: cat for cat in self.categories for cid in cat.criteria}
        )

    def criterion(self, criterion_id: str) -> Criterion:
        return self._by_id[criterion_id]

    def category_of(self, criterion_id: str) -> Category:
        return self._category_of[criterion_id]

    def applicable(self, kind: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.applies(kind))

    @property
    def uses_legal_status(self) -> bool:
        """Whether any criterion's applicability depends on the participant's legal status."""
        return any(c.conditions for c in self.criteria)

    @property
    def machine_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.is_human)

    @property
    def human_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.is_human)


def available_versions() -> tuple[str, ...]:
    """Versions of the rubrics packaged in rubrics/data, sorted."""
    data = resources.files("rubrics") / "data"
    names = [p.name[: -len(".yaml")] for p in data.iterdir() if p.name.endswith(".yaml")]
    return tuple(sorted(names))


def default_version(edition_year: int) -> str:
    try:
        return DEFAULT_RUBRIC_BY_EDITION[edition_year]
    except KeyError:
        raise RubricError(
            f"dla edycji {edition_year}", [f"brak domyślnej rubryki dla edycji {edition_year}"]
        ) from None


def load_rubric(version_or_path: str) -> Rubric:
    """Load a packaged rubric by version ("2027.1") or a rubric file by path; validate it."""
    is_path = version_or_path.endswith((".yaml", ".yml")) or "/" in version_or_path
    if is_path:
        path = Path(version_or_path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RubricError(str(path), [f"nie można odczytać pliku: {exc.strerror}"]) from None
        return parse_rubric(data, source=str(path))
    resource = resources.files("rubrics") / "data" / f"{version_or_path}.yaml"
    if not resource.is_file():
        known = ", ".join(available_versions()) or "brak"
        raise RubricError(
            version_or_path,
            [f"nie ma rubryki w wersji „{version_or_path}” (dostępne: {known})"],
        )
    return parse_rubric(
        resource.read_bytes(), source=f"{version_or_path}.yaml", expect_version=version_or_path
    )


def parse_rubric(
    data: bytes | str, source: str = "<tekst>", expect_version: str | None = None
) -> Rubric:
    """Validate rubric YAML text and build the Rubric; raise RubricError listing every error."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RubricError(source, [f"plik nie jest zapisany w UTF-8 (bajt {exc.start})"]) from None
    try:
        check_yaml_bounds(text, max_chars=MAX_RUBRIC_CHARS)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        doc = yaml.safe_load(text)
    except YamlBoundsError as exc:
        raise RubricError(source, [str(exc)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"wiersz {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RubricError(source, [f"{where}błąd składni YAML: {problem}"]) from None
    return _Validator(source, node).build(doc, raw, expect_version)


class _Validator:
    """Collects every error with its line and place, then builds the Rubric or raises."""

    def __init__(self, source: str, node: yaml.Node | None) -> None:
        self.source = source
        self.errors: list[str] = []
        self.lines: dict[tuple[Any, ...], int] = {}
        self.criterion_index: dict[str, int] = {}
        if node is not None:
            self._index(node, ())

    # --- locations -------------------------------------------------------------------
    def _index(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    self.errors.append(
                        f"wiersz {key_node.start_mark.line + 1}: {self._place(path)}"
                        f"klucz „{key}” powtórzony"
                    )
                seen.add(key)
                self._index(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, (*path, i))

    def _place(self, path: tuple[Any, ...], label: str | None = None) -> str:
        if not path:
            return ""
        text = ""
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        if label:
            text += f" ({label})"
        return text + ": "

    def error(self, path: tuple[Any, ...], message: str, label: str | None = None) -> None:
        probe = path
        while probe not in self.lines and probe:
            probe = probe[:-1]
        line = self.lines.get(probe)
        where = f"wiersz {line}: " if line is not None else ""
        self.errors.append(f"{where}{self._place(path, label)}{message}")

    # --- field checks ----------------------------------------------------------------
    def text(
        self, obj: dict, key: str, path: tuple, label: str | None, required: bool = True
    ) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.error((*path, key), "brak wymaganego pola", label)
            return None
        if not isinstance(value, str) or not value.strip():
            self.error((*path, key), f"oczekiwano niepustego tekstu, jest {value!r}", label)
            return None
        return value.strip()

    def number(
        self, obj: dict, key: str, path: tuple, label: str | None, default: float | None = None
    ) -> float | None:
        if key not in obj or obj[key] is None:
            if default is None:
                self.error((*path, key), "brak wymaganego pola", label)
            return default
        value = obj[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.error((*path, key), f"oczekiwano liczby, jest {value!r}", label)
            return None
        return float(value)

    def unknown_keys(
        self, obj: dict, allowed: tuple[str, ...], path: tuple, label: str | None
    ) -> None:
        for key in obj:
            if key not in allowed:
                self.error(
                    (*path, key), f"nieznane pole „{key}” (dozwolone: {', '.join(allowed)})", label
                )

    # --- the document ----------------------------------------------------------------
    def build(self, doc: Any, raw: bytes, expect_version: str | None) -> Rubric:
        if not isinstance(doc, dict):
            self.error(
                (), "plik rubryki musi być mapą z polami version, name, categories, criteria"
            )
            raise RubricError(self.source, self.errors)
        self.unknown_keys(doc, _TOP_KEYS, (), None)

        version = doc.get("version")
        if version is None:
            self.error(("version",), "brak wymaganego pola")
        elif not isinstance(version, str) or not version.strip():
            self.error(
                ("version",),
                f'wersja musi być tekstem w cudzysłowie, np. "2027.1" (jest {version!r})',
            )
            version = None
        else:
            version = version.strip()
            if expect_version is not None and version != expect_version:
                self.error(
                    ("version",),
                    f"wersja „{version}” nie zgadza się z nazwą pliku „{expect_version}”",
                )
        name = self.text(doc, "name", (), None)

        threshold = self.number(doc, "threshold", (), None, default=DEFAULT_THRESHOLD)
        if threshold is not None and not 0 <= threshold <= 100:
            self.error(
                ("threshold",),
                f"próg licencji musi mieścić się w przedziale 0–100 punktów (jest {threshold:g})",
            )
        statuettes = doc.get("statuettes_per_category", DEFAULT_STATUETTES)
        if isinstance(statuettes, bool) or not isinstance(statuettes, int) or statuettes < 0:
            self.error(
                ("statuettes_per_category",),
                f"liczba statuetek na kategorię musi być liczbą całkowitą ≥ 0 (jest {statuettes!r})",
            )
            statuettes = DEFAULT_STATUETTES

        licence = self._licence(doc.get("licence"))
        missing_channels = load_implementations()
        criteria = self._criteria(doc.get("criteria"), missing_channels)
        categories = self._categories(doc.get("categories"), {c.id: c for c in criteria})

        if self.errors:
            raise RubricError(self.source, self.errors)
        return Rubric(
            version=version,
            name=name,
            threshold=threshold,
            statuettes_per_category=statuettes,
            licence=licence,
            categories=tuple(categories),
            criteria=tuple(criteria),
            sha256=hashlib.sha256(raw).hexdigest(),
        )

    def _licence(self, value: Any) -> LicenceRules:
        """The licence gate's settings; every one has a default (docs/rubrics.md)."""
        default = LicenceRules()
        if value is None:
            return default
        path = ("licence",)
        if not isinstance(value, dict):
            self.error(path, f"oczekiwano mapy z polami {', '.join(_LICENCE_KEYS)}")
            return default
        self.unknown_keys(value, _LICENCE_KEYS, path, None)
        jurors = value.get("min_jurors", default.min_jurors)
        if isinstance(jurors, bool) or not isinstance(jurors, int) or jurors < 1:
            self.error(
                (*path, "min_jurors"),
                f"liczba jurorów musi być liczbą całkowitą ≥ 1 (jest {jurors!r})",
            )
            jurors = default.min_jurors
        channels = value.get("channels_measured", list(default.channels_measured))
        if not isinstance(channels, list) or any(c not in MACHINE_CHANNELS for c in channels):
            self.error(
                (*path, "channels_measured"),
                f"oczekiwano listy kanałów maszynowych ({', '.join(MACHINE_CHANNELS)}); "
                f"jest {channels!r}",
            )
            channels = list(default.channels_measured)
        share = self.number(value, "min_measured_share", path, None, default.min_measured_share)
        if share is None or not 0 <= share <= 1:
            if share is not None:
                self.error(
                    (*path, "min_measured_share"),
                    f"udział zmierzonej wagi musi mieścić się w przedziale 0–1 (jest {share:g})",
                )
            share = default.min_measured_share
        return LicenceRules(int(jurors), tuple(channels), float(share))

    def _criteria(self, items: Any, missing_channels: frozenset[str]) -> list[Criterion]:
        if not isinstance(items, list) or not items:
            self.error(("criteria",), "oczekiwano niepustej listy kryteriów")
            return []
        result: list[Criterion] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            path = ("criteria", i)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.criterion_index.setdefault(item["id"].strip(), i)
            if not isinstance(item, dict):
                self.error(path, "kryterium musi być mapą z polami id, name, channel, …")
                continue
            cid = self.text(item, "id", path, None)
            label = cid
            if cid is not None:
                if cid in seen:
                    self.error((*path, "id"), f"identyfikator kryterium „{cid}” powtórzony", label)
                seen.add(cid)
            self.unknown_keys(item, _CRITERION_KEYS, path, label)
            name = self.text(item, "name", path, label)
            channel = self.text(item, "channel", path, label)
            if channel is not None and channel not in CHANNELS:
                self.error(
                    (*path, "channel"),
                    f"nieznany kanał „{channel}” (dozwolone: {', '.join(CHANNELS)})",
                    label,
                )
                channel = None
            applies_to, kinds, conditions = self._applies_to(
                item.get("applies_to"), (*path, "applies_to"), label
            )
            weight = self.number(item, "weight", path, label)
            if weight is not None and weight < 0:
                self.error((*path, "weight"), f"waga nie może być ujemna (jest {weight:g})", label)
            method, scale_max = self._method(item, path, label, channel)
            anchors = self._anchors(item.get("anchors"), method, scale_max, path, label)
            legal_ref = item.get("legal_ref")
            if legal_ref is not None and not isinstance(legal_ref, str):
                self.error(
                    (*path, "legal_ref"),
                    f"podstawa prawna musi być tekstem (jest {legal_ref!r})",
                    label,
                )
                legal_ref = None
            blocking = item.get("blocking", False)
            if not isinstance(blocking, bool):
                self.error(
                    (*path, "blocking"), f"oczekiwano true lub false (jest {blocking!r})", label
                )
                blocking = False
            params = item.get("params") or {}
            if not isinstance(params, dict):
                self.error((*path, "params"), f"parametry muszą być mapą (jest {params!r})", label)
                params = {}
            elif params and channel not in missing_channels:
                self._params(params, cid, method, (*path, "params"), label)
            if (
                cid is not None
                and method == "auto"
                and channel in MACHINE_CHANNELS
                and channel not in missing_channels
                and cid not in CRITERIA
            ):
                self.error(
                    (*path, "id"),
                    f"nieznane kryterium „{cid}”: brak jego implementacji dla kanału „{channel}”",
                    label,
                )
            if None in (cid, name, channel, weight, method) or kinds is None:
                continue
            result.append(
                Criterion(
                    id=cid,
                    name=name,
                    channel=channel,
                    applies_to=applies_to,
                    kinds=kinds,
                    weight=max(weight, 0.0),
                    method=method,
                    scale_max=scale_max,
                    legal_ref=legal_ref,
                    blocking=blocking,
                    params=params,
                    conditions=conditions,
                    anchors=anchors,
                )
            )
        return result

    def _anchors(
        self,
        value: Any,
        method: str | None,
        scale_max: float | None,
        path: tuple,
        label: str | None,
    ) -> tuple[str, ...]:
        """A juror's criterion's anchors: one Polish text for each whole score 0..scale_max."""
        if value is None:
            return ()
        path = (*path, "anchors")
        if method != "juror":
            self.error(
                path, "opisy ocen (anchors) mają tylko kryteria oceniane przez jurorów", label
            )
            return ()
        if scale_max is None:
            return ()
        if scale_max != int(scale_max):
            self.error(path, f"opisy ocen wymagają skali całkowitej (jest {scale_max:g})", label)
            return ()
        levels = list(range(int(scale_max) + 1))
        if not isinstance(value, dict) or sorted(value, key=str) != sorted(levels, key=str):
            keys = sorted(value, key=str) if isinstance(value, dict) else value
            self.error(
                path,
                f"oczekiwano opisu każdej oceny {levels[0]}–{levels[-1]} (mapa ocena: tekst); "
                f"jest {keys!r}",
                label,
            )
            return ()
        texts = []
        for level in levels:
            text = value[level]
            if not isinstance(text, str) or not text.strip():
                self.error((*path, level), f"opis oceny {level} musi być niepustym tekstem", label)
                return ()
            texts.append(" ".join(text.split()))
        return tuple(texts)

    def _params(
        self, params: dict, cid: str | None, method: str | None, path: tuple, label: str | None
    ) -> None:
        """Every parameter must be one the criterion declares, with a value its check accepts."""
        declared = PARAMS.get(cid, {}) if method == "auto" else {}
        for key, value in params.items():
            spec = declared.get(key)
            if spec is None:
                allowed = ", ".join(declared) or "brak — to kryterium nie ma parametrów"
                self.error(
                    (*path, key),
                    f"nieznany parametr „{key}” (dozwolone: {allowed})",
                    label,
                )
                continue
            problem = spec.check(value)
            if problem is not None:
                self.error((*path, key), f"parametr „{key}”: {problem}", label)

    def _applies_to(
        self, value: Any, path: tuple, label: str | None
    ) -> tuple[tuple[Any, ...], frozenset[str] | None, tuple[Condition, ...]]:
        if value is None:
            self.error(
                path,
                "brak wymaganego pola (podaj „all”, rodzaje uczestników lub grupy J/A/K/S/W/O)",
                label,
            )
            return (), None, ()
        if value == ALL:
            return (ALL,), frozenset(KIND_CODES), ()
        if isinstance(value, str | dict):
            value = [value]
        if not isinstance(value, list) or not value:
            self.error(
                path,
                f"oczekiwano „all” albo niepustej listy rodzajów lub grup (jest {value!r})",
                label,
            )
            return (), None, ()
        kinds: set[str] = set()
        entries: list[Condition] = []
        ok = True
        for j, entry in enumerate(value):
            if isinstance(entry, dict):
                condition = self._condition(entry, (*path, j), label)
                if condition is None:
                    ok = False
                else:
                    entries.append(condition)
                    kinds.update(condition.kinds)
                continue
            resolved = self._kind_entry(entry, (*path, j), label)
            if resolved is None:
                ok = False
            else:
                kinds.update(resolved)
                entries.append(Condition(kinds=resolved))
        conditions = tuple(entries) if any(isinstance(e, dict) for e in value) else ()
        written = tuple(dict(v) if isinstance(v, dict) else str(v) for v in value)
        return written, (frozenset(kinds) if ok else None), conditions

    def _kind_entry(self, entry: Any, path: tuple, label: str | None) -> frozenset[str] | None:
        if entry == ALL:
            return frozenset(KIND_CODES)
        if entry in GROUPS:
            return frozenset(kinds_in_group(entry))
        if entry in KIND_CODES:
            return frozenset({entry})
        self.error(
            path,
            f"nie ma rodzaju uczestnika ani grupy „{entry}” "
            f"(grupy: {', '.join(GROUPS)}; rodzaje: {', '.join(KIND_CODES)})",
            label,
        )
        return None

    def _condition(self, entry: dict, path: tuple, label: str | None) -> Condition | None:
        """{groups: [K], kinds: [...], public_body: true, employees_min: 50, ...} → Condition."""
        ok = True
        for key in entry:
            if key not in _CONDITION_KEYS:
                self.error(
                    (*path, key),
                    f"nieznany warunek „{key}” (dozwolone: {', '.join(_CONDITION_KEYS)})",
                    label,
                )
                ok = False
        kinds: set[str] = set()
        for key in ("groups", "kinds"):
            listed = entry.get(key)
            if listed is None:
                continue
            if isinstance(listed, str):
                listed = [listed]
            if not isinstance(listed, list) or not listed:
                self.error((*path, key), f"oczekiwano listy (jest {listed!r})", label)
                ok = False
                continue
            for k, item in enumerate(listed):
                allowed = GROUPS if key == "groups" else KIND_CODES
                if item not in allowed:
                    what = "grupy" if key == "groups" else "rodzaju uczestnika"
                    self.error(
                        (*path, key, k),
                        f"nie ma {what} „{item}” (dozwolone: {', '.join(allowed)})",
                        label,
                    )
                    ok = False
                else:
                    kinds.update(kinds_in_group(item) if key == "groups" else (item,))
        if "groups" not in entry and "kinds" not in entry:
            kinds.update(KIND_CODES)
        flags: dict[str, bool | None] = {}
        for key in ("public_body", "online_consumer_services"):
            flag = entry.get(key)
            if flag is not None and not isinstance(flag, bool):
                self.error((*path, key), f"oczekiwano true lub false (jest {flag!r})", label)
                ok = False
                flag = None
            flags[key] = flag
        minimum = entry.get("employees_min")
        if minimum is not None and (
            isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0
        ):
            self.error(
                (*path, "employees_min"),
                f"oczekiwano liczby całkowitej ≥ 0 (jest {minimum!r})",
                label,
            )
            ok = False
        if not ok:
            return None
        return Condition(kinds=frozenset(kinds), employees_min=minimum, **flags)

    def _method(
        self, item: dict, path: tuple, label: str | None, channel: str | None
    ) -> tuple[str | None, float | None]:
        method = item.get("method")
        if method is None:
            method = "juror" if channel in HUMAN_CHANNELS else "auto"
        if method not in METHODS:
            self.error(
                (*path, "method"), f"nieznana metoda „{method}” (dozwolone: auto, juror)", label
            )
            return None, None
        scale_max = None
        if method == "juror":
            scale_max = self.number(item, "scale_max", path, label)
            if scale_max is not None and scale_max <= 0:
                self.error(
                    (*path, "scale_max"),
                    f"skala ocen jurora musi być dodatnia (jest {scale_max:g})",
                    label,
                )
                scale_max = None
            if scale_max is None:
                return None, None
            if channel in MACHINE_CHANNELS:
                self.error(
                    (*path, "method"),
                    f"kanał „{channel}” ocenia maszyna: metoda musi być „auto”, nie „juror”",
                    label,
                )
        else:
            if "scale_max" in item:
                self.error((*path, "scale_max"), "skala ocen dotyczy tylko metody „juror”", label)
            if channel in HUMAN_CHANNELS:
                self.error(
                    (*path, "method"),
                    f"kanał „{channel}” oceniają jurorzy: metoda musi być „juror”",
                    label,
                )
        return method, scale_max

    def _categories(self, items: Any, criteria: dict[str, Criterion]) -> list[Category]:
        # Every id written in the criteria section, even one whose entry has other errors.
        criterion_ids = set(self.criterion_index)
        if not isinstance(items, list) or not items:
            self.error(("categories",), "oczekiwano niepustej listy kategorii")
            return []
        result: list[Category] = []
        seen: set[str] = set()
        placed: dict[str, str] = {}
        total = 0.0
        weights_ok = True
        for i, item in enumerate(items):
            path = ("categories", i)
            if not isinstance(item, dict):
                self.error(path, "kategoria musi być mapą z polami id, name, weight, criteria")
                weights_ok = False
                continue
            cat_id = self.text(item, "id", path, None)
            label = cat_id
            if cat_id is not None:
                if cat_id in seen:
                    self.error(
                        (*path, "id"), f"identyfikator kategorii „{cat_id}” powtórzony", label
                    )
                seen.add(cat_id)
            self.unknown_keys(item, _CATEGORY_KEYS, path, label)
            name = self.text(item, "name", path, label)
            weight = self.number(item, "weight", path, label)
            if weight is None:
                weights_ok = False
            elif weight < 0:
                self.error((*path, "weight"), f"waga nie może być ujemna (jest {weight:g})", label)
            else:
                total += weight
            members = item.get("criteria")
            ids: list[str] = []
            if not isinstance(members, list) or not members:
                self.error(
                    (*path, "criteria"),
                    "oczekiwano niepustej listy identyfikatorów kryteriów",
                    label,
                )
            else:
                for j, cid in enumerate(members):
                    if not isinstance(cid, str):
                        self.error(
                            (*path, "criteria", j),
                            f"oczekiwano identyfikatora kryterium (jest {cid!r})",
                            label,
                        )
                    elif cid not in criterion_ids:
                        self.error(
                            (*path, "criteria", j),
                            f"kryterium „{cid}” nie jest zdefiniowane w sekcji criteria",
                            label,
                        )
                    elif cid in placed:
                        self.error(
                            (*path, "criteria", j),
                            f"kryterium „{cid}” należy już do kategorii „{placed[cid]}”: "
                            "kryterium może należeć tylko do jednej kategorii",
                            label,
                        )
                    else:
                        placed[cid] = cat_id or f"#{i}"
                        ids.append(cid)
            built = [criteria[cid] for cid in ids if cid in criteria]
            if built and len(built) == len(ids) and sum(c.weight for c in built) <= 0:
                self.error((*path, "criteria"), "wagi kryteriów kategorii sumują się do 0", label)
            if cat_id is not None and name is not None and weight is not None:
                result.append(
                    Category(id=cat_id, name=name, weight=max(weight, 0.0), criteria=tuple(ids))
                )
        if weights_ok and abs(total - 100.0) > _WEIGHT_TOLERANCE:
            self.error(
                ("categories",), f"wagi kategorii muszą sumować się do 100 (suma: {total:g})"
            )
        for cid in sorted(criterion_ids - set(placed), key=self.criterion_index.__getitem__):
            self.error(
                ("criteria", self.criterion_index[cid], "id"),
                f"kryterium „{cid}” nie należy do żadnej kategorii",
                cid,
            )
        return result
