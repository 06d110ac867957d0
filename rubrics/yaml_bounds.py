"""YAML read within bounds: no aliases (a "billion laughs" file expands them a billionfold),
a depth limit (deep nesting would exhaust the parser's recursion), a cap on the number of
events and on the text's size. Used for rubric files and for registry files.

The check walks PyYAML's event stream, which is iterative, before anything is composed.
"""

from __future__ import annotations

import yaml

MAX_DEPTH = 40
MAX_EVENTS = 2_000_000


class YamlBoundsError(ValueError):
    """The text is not a YAML document we will read; the message is in Polish."""


def check_yaml_bounds(
    text: str, *, max_chars: int, max_depth: int = MAX_DEPTH, max_events: int = MAX_EVENTS
) -> None:
    if len(text) > max_chars:
        raise YamlBoundsError(f"plik ma {len(text)} znaków, więcej niż dopuszczalne {max_chars}")
    depth = 0
    # A syntax error (yaml.YAMLError) is left to the caller, which names its line.
    for count, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader), start=1):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1
            raise YamlBoundsError(
                f"wiersz {line}: aliasy YAML (*nazwa) nie są dozwolone; wpisz wartość wprost"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                line = event.start_mark.line + 1
                raise YamlBoundsError(
                    f"wiersz {line}: zagnieżdżenie głębsze niż {max_depth} poziomów"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if count > max_events:
            raise YamlBoundsError(f"ponad {max_events} elementów YAML")
