"""Per-sample columns and yearly flows kept as sums of outer products.

With sampled inputs a yearly flow is a samples x years array, yet almost every
one is built as a per-sample amount times a per-year profile (``column(q) *
(years == 0)``, a price times an escalation index). Kept as that product, the
total and the present value of a flow need no samples x years array at all:
sum over terms of amount x (profile . weights), with the profile's weighted sum
taken once per profile. That is most of the work of a large sample.

- :class:`Column` is ``m[..., newaxis]`` (what :func:`tco.components.column`
  returns, inside a pint Quantity): per-sample values against the year axis.
- :class:`Flow` is ``sum over k of coef_k[..., newaxis] * profile_k``, coef per
  sample (or a float), profile per year (or per sample and year).

Both are numpy duck arrays that behave exactly as their dense value: an
operation they do not keep in this form (a power, a comparison, ``np.where``,
indexing) is done on the dense array. So a component is written once, in plain
numpy and pint, and the engine asks a flow for its dense value (yearly flows,
the default) or only for its weighted sums (:func:`weigh`; ``flows=False``).
A few results may differ from the dense computation in the last bits (a product
of three factors taken in another order).
"""

from __future__ import annotations

from typing import Any

import numpy as np

_FLOAT = np.dtype(float)


def dense(x: Any) -> Any:
    """The plain value of ``x``: an ndarray for a :class:`Column` or :class:`Flow`."""
    return x.dense() if isinstance(x, _Lazy) else x


def keep(x: Any) -> Any:
    """``x`` as a float array, left factored if it is a :class:`Column` or :class:`Flow`."""
    return x if isinstance(x, _Lazy) else np.asarray(x, dtype=float)


def _dense_all(x: Any) -> Any:
    if isinstance(x, _Lazy):
        return x.dense()
    if isinstance(x, (list, tuple)):
        return type(x)(_dense_all(v) for v in x)
    return x


class _Lazy(np.lib.mixins.NDArrayOperatorsMixin):
    """What Column and Flow share: the duck-array protocol, dense fallbacks."""

    dtype = _FLOAT

    def dense(self) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        d = self.dense()
        return d if dtype is None else d.astype(dtype, copy=False)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key: Any) -> Any:
        return self.dense()[key]

    def __float__(self) -> float:
        return float(self.dense())

    def __bool__(self) -> bool:
        return bool(self.dense())

    def __getattr__(self, name: str) -> Any:
        # any other ndarray method (tolist, mean, max, ...) on the dense value; never
        # a private name or a Quantity's attribute (asked of magnitudes by pint)
        if name.startswith("_") or name in ("units", "magnitude", "m"):
            raise AttributeError(name)
        return getattr(self.dense(), name)

    def astype(self, dtype: Any, copy: bool = True) -> np.ndarray:
        return self.dense().astype(dtype, copy=copy)

    def copy(self) -> Any:
        return self

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        return func(*_dense_all(args), **{k: _dense_all(v) for k, v in kwargs.items()})

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if method == "__call__" and not kwargs:
            # a flow decides when there is one (a column times a flow is a flow)
            owner = next((x for x in inputs if isinstance(x, Flow)), self)
            kept = owner._op(ufunc, inputs)
            if kept is not NotImplemented:
                return kept
        if "out" in kwargs:
            kwargs["out"] = tuple(_dense_all(list(kwargs["out"])))
        return getattr(ufunc, method)(*_dense_all(list(inputs)), **kwargs)

    def _op(self, ufunc: Any, inputs: tuple[Any, ...]) -> Any:  # pragma: no cover
        return NotImplemented

    # in-place operators make new objects (a Column or Flow is never written to)
    def __iadd__(self, other: Any) -> Any:
        return self + other

    def __isub__(self, other: Any) -> Any:
        return self - other

    def __imul__(self, other: Any) -> Any:
        return self * other

    def __itruediv__(self, other: Any) -> Any:
        return self / other


def _per_sample(x: Any) -> Any:
    """``x`` as a per-sample factor (m with x == m[..., newaxis]), or None if it has
    a year axis longer than 1 (or is not a number)."""
    if isinstance(x, Column):
        return x.m
    if isinstance(x, (int, float, np.floating, np.integer)) and not isinstance(x, bool):
        return float(x)
    if isinstance(x, np.ndarray) and x.dtype.kind in "fiu":
        if x.ndim == 0:
            return float(x)
        if x.shape[-1] == 1:
            return x[..., 0]
    return None


def _profile(x: Any) -> Any:
    """``x`` as a profile along the year axis (an ndarray with a last axis > 1)."""
    if isinstance(x, np.ndarray) and x.ndim >= 1 and x.shape[-1] > 1 and \
            x.dtype.kind in "fiub":
        return x
    return None


class Column(_Lazy):
    """``m[..., newaxis]``: per-sample values against the year axis."""

    __slots__ = ("m",)

    def __init__(self, m: Any) -> None:
        self.m = m

    @property
    def shape(self) -> tuple[int, ...]:
        return (*np.shape(self.m), 1)

    def dense(self) -> np.ndarray:
        return np.asarray(self.m, dtype=float)[..., np.newaxis]

    def _op(self, ufunc: Any, inputs: tuple[Any, ...]) -> Any:
        if ufunc is np.negative:
            return Column(-self.m)
        if len(inputs) != 2 or ufunc not in (np.multiply, np.add, np.subtract,
                                             np.true_divide):
            return NotImplemented
        a, b = inputs
        pa, pb = _per_sample(a), _per_sample(b)
        if pa is not None and pb is not None:  # both per sample: still a column
            return Column(ufunc(pa, pb))
        if ufunc is np.multiply:
            if pa is not None and _profile(b) is not None:
                return Flow([(pa, b)])
            if pb is not None and _profile(a) is not None:
                return Flow([(pb, a)])
        return NotImplemented


class Flow(_Lazy):
    """``sum over k of coef_k[..., newaxis] * profile_k``: a yearly flow, factored."""

    __slots__ = ("terms", "_shape")

    def __init__(self, terms: list[tuple[Any, np.ndarray]]) -> None:
        self.terms = terms
        self._shape: tuple[int, ...] | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        if self._shape is None:
            self._shape = np.broadcast_shapes(
                *((*np.shape(c), 1) for c, _ in self.terms), *(p.shape for _, p in self.terms))
        return self._shape

    def dense(self) -> np.ndarray:
        out = None
        for c, p in self.terms:
            term = np.multiply(np.asarray(c, dtype=float)[..., np.newaxis], p)
            out = term if out is None else out + term
        return np.broadcast_to(out, self.shape).copy() if out.shape != self.shape else out

    def sum(self, axis: Any = None, **kwargs: Any) -> Any:
        if axis in (-1, self.ndim - 1) and not kwargs:
            return weigh(self, Weights(np.ones(self.shape[-1])))
        return self.dense().sum(axis=axis, **kwargs)

    def _scaled(self, k: Any) -> Flow:
        return Flow([(c * k, p) for c, p in self.terms])

    def _op(self, ufunc: Any, inputs: tuple[Any, ...]) -> Any:
        if ufunc is np.negative:
            return self._scaled(-1.0)
        if len(inputs) != 2:
            return NotImplemented
        a, b = inputs
        mine, other = (a, b) if a is self else (b, a)
        if ufunc is np.multiply:
            k = _per_sample(other)
            if k is not None:
                return self._scaled(k)
            p = _profile(other)
            if p is not None:
                return Flow([(c, q * p) for c, q in self.terms])
            if isinstance(other, Flow) and \
                    len(self.terms) * len(other.terms) <= _MAX_PRODUCT_TERMS:
                # (sum a_i p_i)(sum b_j q_j) = sum a_i b_j (p_i q_j): still factored
                return Flow([(c * d, p * q) for c, p in self.terms for d, q in other.terms])
            return NotImplemented
        if ufunc is np.maximum and _floor_holds(self, other):
            return self  # max(f, x) = f where f >= x in every sample and year
        if ufunc is np.true_divide and a is self:
            k = _per_sample(b)
            return NotImplemented if k is None else Flow([(c / k, p) for c, p in self.terms])
        if ufunc in (np.add, np.subtract):
            sign = -1.0 if ufunc is np.subtract else 1.0
            terms = _as_terms(other, self.shape[-1])
            if terms is None:
                return NotImplemented
            if ufunc is np.subtract and a is not self:  # other - self
                return Flow(terms + [(c * -1.0, p) for c, p in self.terms])
            if sign == 1.0:  # a sum: the other's terms as they are (no copy times 1)
                return Flow(self.terms + terms)
            return Flow(self.terms + [(c * sign, p) for c, p in terms])
        return NotImplemented


#: a product of two flows stays factored up to this many terms
_MAX_PRODUCT_TERMS = 8


def _floor_holds(f: Flow, x: Any) -> bool:
    """Whether ``f >= x`` everywhere, ``x`` a number, shown from the terms alone: a
    term c p is at least c x min(p) (c >= 0) or c x max(p) (c < 0), profiles along
    the year axis only (no per-sample profile)."""
    if not isinstance(x, (int, float, np.floating, np.integer)) or isinstance(x, bool):
        return False
    if any(not (isinstance(p, np.ndarray) and p.ndim == 1) for _, p in f.terms):
        return False
    # first over all samples at once (each term's least corner), then per sample
    least = 0.0
    for c, p in f.terms:
        lo, hi = float(np.min(p)), float(np.max(p))
        cmin, cmax = float(np.min(c)), float(np.max(c))
        least += min(cmin * lo, cmin * hi, cmax * lo, cmax * hi)
    if least >= float(x):
        return True
    bound: Any = 0.0
    for c, p in f.terms:
        lo, hi = float(np.min(p)), float(np.max(p))
        c = np.asarray(c, dtype=float)
        bound = bound + np.where(c >= 0, c * lo, c * hi)
    return bool(np.all(bound >= float(x)))


def _as_terms(x: Any, years: int) -> list[tuple[Any, np.ndarray]] | None:
    if isinstance(x, Flow):
        return x.terms
    k = _per_sample(x)
    if k is not None:
        return [(k, np.ones(years))]
    p = _profile(x)
    if p is not None:
        return [(1.0, p)]
    return None


class Weights:
    """Year weights (ones for totals, discount factors for present values), with the
    weighted sum of each profile remembered (profiles recur across terms)."""

    def __init__(self, w: np.ndarray) -> None:
        self.w = np.asarray(w, dtype=float)
        self._seen: dict[Any, tuple[Any, Any]] = {}
        self._total: Any = None

    def total(self) -> Any:
        """The weights summed along the year axis (per sample if they are), once."""
        if self._total is None:
            self._total = self.w.sum(axis=-1)
        return self._total

    def of(self, p: np.ndarray) -> Any:
        """profile . weights along the year axis: a float, or per sample."""
        if p.ndim == 1 and p.shape[0] <= 64:
            key: Any = (p.dtype.str, p.tobytes())
        else:
            key = id(p)
        hit = self._seen.get(key)
        if hit is not None:
            return hit[1]
        w = self.w
        if p.ndim == 1 and w.ndim == 1:
            value: Any = float(p.astype(float) @ w)
        else:  # einsum, not matmul: no BLAS threads, and fast on a short last axis
            value = np.einsum("...y,...y->...", p.astype(float, copy=False), w)
        self._seen[key] = (p, value)  # the profile held: its id stays its own
        return value


def weigh_each(f: Any, weights: tuple[Weights, ...]) -> list[Any]:
    """:func:`weigh` by several weights at once: one pass over a flow's terms, each
    per-sample product added in place (no new array per term)."""
    if not isinstance(f, Flow):
        return [weigh(f, w) for w in weights]
    out: list[Any] = [0.0] * len(weights)
    scratch: np.ndarray | None = None
    for c, p in f.terms:
        for k, w in enumerate(weights):
            s = w.of(p)
            acc = out[k]
            if isinstance(acc, np.ndarray) and isinstance(c, np.ndarray) and \
                    c.shape == acc.shape and np.ndim(s) == 0 and acc.dtype == _FLOAT:
                if scratch is None or scratch.shape != acc.shape:
                    scratch = np.empty(acc.shape)
                np.multiply(c, s, out=scratch)
                acc += scratch  # acc is this function's own array (made below)
            else:
                out[k] = acc + c * s
    return out


def weigh(f: Any, weights: Weights) -> Any:
    """Sum along the year axis of ``f`` x weights, per sample (``f @ w`` for a dense ``f``)."""
    if isinstance(f, Flow):
        out: Any = 0.0
        for c, p in f.terms:
            out = out + c * weights.of(p)
        return out
    f = np.asarray(f, dtype=float)
    w = weights.w
    if f.ndim == 0:  # a category nothing contributes to
        return f * weights.total()
    return np.einsum("...y,...y->...", f, w)
