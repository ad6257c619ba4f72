"""Record classes: slotted value classes declared like dataclasses, without the dataclasses module.

Why not `dataclasses`: importing it loads `inspect` (and with it ast, dis and tokenize), and
every decorated class compiles five or six methods with `exec`; over the ~45 classes a command
loads that was about a third of its start-up (measured: 30 dataclasses 30 ms, the same classes
here 0.2 ms). Here a metaclass only reads the annotations, and the methods are shared and
generic over the class's field list, so a record class costs what a plain class costs.

    class Window(Record):                      # frozen (the default): fields cannot be assigned
        start: date | None = None
        end: date | None = None

    class Streams(Record, frozen=False): ...   # a mutable one

What it gives, as dataclasses do: `__init__` (positional or keyword, defaults, `field(...)`
with default_factory / init / compare / repr, `__post_init__`), `__eq__` and, when frozen,
`__hash__` over the compared fields, `__repr__`, `__match_args__`, and `replace()` and
`fields()`. Instances have `__slots__` (less memory per event). Type checkers see dataclasses
through PEP 681 `dataclass_transform`.
"""

from __future__ import annotations

import operator

TYPE_CHECKING = False  # typing costs start-up; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    from typing_extensions import dataclass_transform

    R = TypeVar("R", bound="Record")
else:

    def dataclass_transform(**_kwargs):
        return lambda cls: cls


_MISSING: Any = object()


class _Spec:
    """What `field(...)` says about one field."""

    __slots__ = ("compare", "default", "factory", "init", "repr")

    def __init__(self, default: Any, factory: Callable[[], Any] | None, init: bool, compare: bool, repr: bool) -> None:
        self.default = default
        self.factory = factory
        self.init = init
        self.compare = compare
        self.repr = repr

    @property
    def has_default(self) -> bool:
        return self.factory is not None or self.default is not _MISSING

    def make_default(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    init: bool = True,
    compare: bool = True,
    repr: bool = True,
) -> Any:
    """A field with a default factory, or left out of __init__, comparison or repr."""
    return _Spec(default, default_factory, init, compare, repr)


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


def _is_classvar(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return isinstance(text, str) and text.startswith(("ClassVar", "typing.ClassVar"))


class _RecordMeta(type):
    def __new__(
        mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], frozen: bool = True, **kwargs: Any
    ) -> _RecordMeta:
        specs: dict[str, _Spec] = {}
        types: dict[str, str] = {}
        for base in reversed(bases):
            specs.update(getattr(base, "__record_specs__", {}))
            types.update(getattr(base, "__record_types__", {}))
        own = [n for n, t in ns.get("__annotations__", {}).items() if not _is_classvar(t)]
        for field_name in own:
            value = ns.pop(field_name, _MISSING)
            specs[field_name] = value if isinstance(value, _Spec) else _Spec(value, None, True, True, True)
            types[field_name] = str(ns["__annotations__"][field_name])
        seen_default = ""
        for field_name, spec in specs.items():
            if not spec.init:
                continue
            if spec.has_default:
                seen_default = field_name
            elif seen_default:
                raise TypeError(f"{name}: field {field_name!r} without a default follows {seen_default!r}")
        ns["__slots__"] = (*own, *ns.get("__slots__", ()))
        cls = super().__new__(mcls, name, bases, ns, **kwargs)
        compared = tuple(n for n, s in specs.items() if s.compare)
        cls.__record_specs__ = specs  # type: ignore[attr-defined]
        cls.__record_types__ = types  # type: ignore[attr-defined]
        cls.__record_frozen__ = frozen  # type: ignore[attr-defined]
        cls.__record_init__ = tuple(n for n, s in specs.items() if s.init)  # type: ignore[attr-defined]
        cls.__record_key__ = operator.attrgetter(*compared) if compared else (lambda _: ())  # type: ignore[attr-defined]
        cls.__match_args__ = cls.__record_init__  # type: ignore[attr-defined,misc]
        if not frozen:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as dataclasses
        return cls


@dataclass_transform(field_specifiers=(field,), frozen_default=True)
class Record(metaclass=_RecordMeta):
    """Base of every record class (see the module docstring)."""

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names: tuple[str, ...] = cls.__record_init__  # type: ignore[attr-defined]
        specs: dict[str, _Spec] = cls.__record_specs__  # type: ignore[attr-defined]
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__}() takes {len(names)} positional arguments but {len(args)} were given")
        setter = object.__setattr__
        for name, value in zip(names, args, strict=False):  # args is never the longer (checked above)
            setter(self, name, value)
        for name in names[len(args) :]:
            if name in kwargs:
                setter(self, name, kwargs.pop(name))
                continue
            spec = specs[name]
            if not spec.has_default:
                raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
            setter(self, name, spec.make_default())
        if kwargs:
            name = next(iter(kwargs))
            problem = "got multiple values for argument" if name in names else "got an unexpected keyword argument"
            raise TypeError(f"{cls.__name__}() {problem} {name!r}")
        if len(names) != len(specs):
            for name, spec in specs.items():
                if not spec.init and spec.has_default:
                    setter(self, name, spec.make_default())
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    def __setattr__(self, name: str, value: Any) -> None:
        if type(self).__record_frozen__:  # type: ignore[attr-defined]
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if type(self).__record_frozen__:  # type: ignore[attr-defined]
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = self.__record_key__  # type: ignore[attr-defined]
        return bool(key(self) == key(other))

    def __hash__(self) -> int:
        return hash(self.__record_key__(self))  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        specs: dict[str, _Spec] = type(self).__record_specs__  # type: ignore[attr-defined]
        shown = ", ".join(f"{n}={getattr(self, n, None)!r}" for n, s in specs.items() if s.repr)
        return f"{type(self).__qualname__}({shown})"

    def __getstate__(self) -> dict[str, Any]:  # copy and pickle: slots and a frozen __setattr__
        specs = type(self).__record_specs__  # type: ignore[attr-defined]
        return {n: getattr(self, n) for n in specs if hasattr(self, n)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


def replace(record: R, **changes: Any) -> R:
    """A copy with some fields changed (as dataclasses.replace)."""
    names: tuple[str, ...] = type(record).__record_init__  # type: ignore[attr-defined]
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no init field {sorted(unknown)[0]!r}")
    return type(record)(**{n: changes[n] if n in changes else getattr(record, n) for n in names})


def fields(record: Record | type[Record]) -> tuple[str, ...]:
    """The field names, in declaration order (inherited first)."""
    return tuple(record.__record_specs__)  # type: ignore[union-attr]


def field_types(record: type[Record]) -> dict[str, str]:
    """Each field's annotation as written, for the parse cache's schema stamp."""
    return dict(record.__record_types__)  # type: ignore[attr-defined]
