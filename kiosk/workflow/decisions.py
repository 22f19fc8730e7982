"""A decision carries its legal basis; notes warn the clerk without blocking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Decided(Generic[T]):
    value: T
    basis: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())
