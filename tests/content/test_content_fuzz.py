"""Malformed lesson files are rejected with a located message and never crash the loader."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.loader import load_lesson_file
from tests.helpers.content_sample import ALL_KINDS

JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into nested dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, (*prefix, i))
    return found


ALL_PATHS = paths(ALL_KINDS)


def mutate(data: Any, path: tuple[Any, ...], action: str, junk: Any) -> None:
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "delete":
        del parent[last]
    else:
        parent[last] = junk


def write(tmp: Path, text: str) -> Path:
    file = tmp / "lesson.yaml"
    file.write_text(text, encoding="utf-8")
    return file


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(ALL_PATHS), st.sampled_from(["delete", "replace"]), JUNK),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_lessons_are_rejected_with_located_messages(
    tmp_path: Path, mutations: list[tuple[tuple[Any, ...], str, Any]]
) -> None:
    data = copy.deepcopy(ALL_KINDS)
    for path, action, junk in mutations:
        try:
            mutate(data, path, action, junk)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    file = write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    lesson, problems = load_lesson_file(file, None)
    if lesson is None:
        assert problems
    for problem in problems:
        line = str(problem)
        assert line.startswith(f"{file}: ") or line.startswith("lesson.yaml: ")
        assert "\n" not in line.strip() or "Traceback" not in line
        assert "Traceback" not in line and problem.message


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(tmp_path: Path, text: str) -> None:
    lesson, problems = load_lesson_file(write(tmp_path, text), None)
    assert lesson is None and problems
    assert all(str(p).startswith(str(tmp_path / "lesson.yaml")) for p in problems)


@SETTINGS
@given(JUNK)
def test_arbitrary_yaml_values_never_crash(tmp_path: Path, junk: Any) -> None:
    lesson, problems = load_lesson_file(write(tmp_path, yaml.safe_dump(junk)), None)
    assert lesson is None and problems


def test_a_step_without_an_id_is_located_by_number(tmp_path: Path) -> None:
    data = copy.deepcopy(ALL_KINDS)
    del data["steps"][2]["id"]
    _, problems = load_lesson_file(write(tmp_path, yaml.safe_dump(data)), None)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "lesson all-kinds, step #3, id: is missing"
    ]
