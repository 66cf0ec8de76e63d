"""Immutable value objects declared by annotations, without the start-up cost of dataclasses.

`dataclasses` imports `inspect`, and building each class costs more again: about 12 ms of a
process that should show progress in well under a tenth of a second.
"""

from __future__ import annotations

TYPE_CHECKING = False  # the typing module itself is a few more milliseconds to import
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, ClassVar

    from typing_extensions import Self, dataclass_transform
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


# Type checkers then see each subclass's fields as its keyword arguments: a misspelt or missing
# field is an error before anything runs, as it is at run time.
@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record:
    """Fields are the class's annotated names (inherited ones first); a class attribute of the
    same name is the default. Instances are immutable and compare by value."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _field_set: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            # Not inspect.get_annotations: importing inspect is the start-up cost this class avoids.
            for name, annotation in klass.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
                if not name.startswith("_") and "ClassVar" not in str(annotation) and name not in names:
                    names.append(name)
        cls._fields = tuple(names)
        cls._field_set = frozenset(names)
        cls._defaults = {name: getattr(cls, name) for name in names if hasattr(cls, name)}

    def __init__(self, **values: Any) -> None:
        # Dict operations only: the loader builds thousands of these for a large course.
        if not values.keys() <= self._field_set:
            unknown = ", ".join(map(repr, values.keys() - self._field_set))
            raise TypeError(f"{type(self).__name__} has no field {unknown}")
        merged = {**self._defaults, **values}
        if len(merged) != len(self._fields):
            missing = ", ".join(repr(n) for n in self._fields if n not in merged)
            raise TypeError(f"{type(self).__name__} needs a value for {missing}")
        object.__setattr__(self, "__dict__", merged)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Self:
        """A record from values in field order, as a database row holds them."""
        return cls(**dict(zip(cls._fields, row)))

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        return type(self)(**{**dict(zip(self._fields, self._values())), **changes})
