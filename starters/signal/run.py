#!/usr/bin/env python3
"""A first experiment on signals (time series), written by `dl-advisor starter` (read README.md first).

The data is a table with one series per row: the time points are the numeric columns, plus a
label column (and, if the series are grouped, a group column). It builds the evaluation split
the advice asks for and scores on the same folds: a dummy predictor, the baseline (summary
features of each series + a linear model) and random convolutional kernels + a ridge model:
sktime's MiniRocket when installed, else the small numpy version below (the same idea, as in
MiniRocket, Dempster, Schmidt & Webb 2021). It prints a results table and writes results.json.
Everything specific to your data is read from config.json; the command line overrides it:

    python3 run.py [DATA] [--target COLUMN] [--group COLUMN] [--smoke]

--smoke runs on a few synthetic series, 3 folds, no downloads. Exit codes: 0 done, 1 the
experiment failed, 2 bad input or a missing package.
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEEDED = {"numpy": "numpy", "pandas": "pandas", "sklearn": "scikit-learn"}


def fail(message, code=2):
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(code)


missing = [pip for module, pip in NEEDED.items() if importlib.util.find_spec(module) is None]
if missing:
    fail(f"missing Python packages: {' '.join(missing)}; install them with: pip install {' '.join(missing)}")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import dummy, linear_model, model_selection  # noqa: E402
from sklearn.base import BaseEstimator, TransformerMixin  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer, StandardScaler  # noqa: E402


def summary_features(X):
    """Per series: level, spread, quantiles, roughness, trend and the power in four frequency bands."""
    t = np.arange(X.shape[1]) - (X.shape[1] - 1) / 2
    slope = (X * t).sum(1) / (t**2).sum()
    power = np.abs(np.fft.rfft(X - X.mean(1, keepdims=True), axis=1)) ** 2
    bands = np.stack([b.sum(1) for b in np.array_split(power[:, 1:], 4, axis=1)], axis=1)
    bands = np.log1p(bands / (bands.sum(1, keepdims=True) + 1e-12))
    q = np.quantile(X, [0.1, 0.5, 0.9], axis=1).T
    rough = np.abs(np.diff(X, axis=1)).mean(1)
    return np.column_stack([X.mean(1), X.std(1), X.min(1), X.max(1), q, rough, slope, bands])


class RandomKernels(BaseEstimator, TransformerMixin):
    """Random dilated convolution kernels; per kernel, the share of positive outputs and the maximum."""

    def __init__(self, n_kernels=500, seed=0):
        self.n_kernels = n_kernels
        self.seed = seed

    def fit(self, X, y=None):
        rng = np.random.default_rng(self.seed)
        length = X.shape[1]
        self.kernels_ = []
        for _ in range(self.n_kernels):
            size = int(rng.choice([7, 9, 11]))
            weights = rng.normal(size=size)
            dilation = int(2 ** rng.uniform(0, np.log2(max(1.0, (length - 1) / (size - 1)))))
            self.kernels_.append((weights - weights.mean(), rng.uniform(-1, 1), dilation))
        return self

    def transform(self, X):
        X = (X - X.mean(1, keepdims=True)) / (X.std(1, keepdims=True) + 1e-8)
        features = np.empty((len(X), 2 * len(self.kernels_)))
        for j, (weights, bias, dilation) in enumerate(self.kernels_):
            span = dilation * (len(weights) - 1)
            out = bias + sum(w * X[:, k * dilation : X.shape[1] - span + k * dilation] for k, w in enumerate(weights))
            features[:, 2 * j] = (out > 0).mean(1)
            features[:, 2 * j + 1] = out.max(1)
        return features


def kernels():
    """sktime's MiniRocket when installed, else RandomKernels."""
    if importlib.util.find_spec("sktime") is not None:
        from sktime.transformations.panel.rocket import MiniRocket

        return make_pipeline(FunctionTransformer(lambda X: X[:, None, :]), MiniRocket(random_state=0)), "MiniRocket (sktime)"
    print("note: sktime is not installed (pip install sktime); using the numpy random kernels of run.py")
    return RandomKernels(), "random convolutional kernels"


def load_table(path):
    path = Path(path)
    if not path.is_file():
        fail(f"no such file: {path}")
    if path.suffix.lower() in (".tsv", ".tab"):
        return pd.read_csv(path, sep="\t")
    return pd.read_csv(path)


def synthetic_series(seed):
    """120 series of 100 points in 30 groups of 4: class 0 oscillates slowly, class 1 faster."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=120)
    t = np.linspace(0, 1, 100)
    X = np.sin(2 * np.pi * np.where(labels[:, None] == 1, 5, 3) * t + rng.uniform(0, 6, (120, 1))) + rng.normal(0, 0.8, (120, 100))
    table = pd.DataFrame(X, columns=[f"t{i}" for i in range(100)])
    table["group"], table["label"] = np.repeat(np.arange(30), 4), labels
    return table


def column(table, name, what):
    if name is not None and name not in table.columns:
        fail(f"no column {name!r} for the {what}; the columns are: {', '.join(map(str, table.columns))}")
    return name


def task_of(cfg, y):
    if cfg.get("task") in ("classification", "regression"):
        return cfg["task"]
    return "regression" if pd.api.types.is_numeric_dtype(y) and y.nunique() > 20 else "classification"


def encode_target(y, task):
    if task == "regression":
        return y.astype(float).to_numpy()
    counts = y.astype(str).value_counts()
    if len(counts) < 2:
        fail("the target has fewer than two classes")
    order = list(counts.index) if len(counts) == 2 else sorted(counts.index)
    return y.astype(str).map({label: i for i, label in enumerate(order)}).to_numpy()


def make_split(cfg, task, y, groups):
    split, k, seed = cfg["split"], int(cfg.get("folds", 5)), int(cfg.get("seed", 0))
    if split == "grouped":
        if groups is None:
            fail('the split is grouped but no group column is known: pass --group COLUMN or set "group" in config.json')
        k = min(k, groups.nunique())
        if task == "classification":
            return model_selection.StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed), f"StratifiedGroupKFold({k}) on {cfg['group']!r}"
        return model_selection.GroupKFold(n_splits=k), f"GroupKFold({k}) on {cfg['group']!r}"
    if split == "temporal":
        return model_selection.TimeSeriesSplit(n_splits=k), f"TimeSeriesSplit({k}), rows in file order"
    if split == "stratified" and task == "classification":
        k = min(k, int(np.bincount(y).min()))
        return model_selection.StratifiedKFold(n_splits=k, shuffle=True, random_state=seed), f"StratifiedKFold({k})"
    return model_selection.KFold(n_splits=k, shuffle=True, random_state=seed), f"KFold({k}), shuffled"


def correlation(kind):
    """A scorer: the rank (Spearman) or linear (Pearson) correlation of predictions and truth (0 for a constant)."""

    def score(model, X, y):
        from scipy.stats import pearsonr, spearmanr

        predicted = model.predict(X)
        if np.ptp(predicted) == 0:
            return 0.0
        return float((spearmanr if kind == "spearman" else pearsonr)(predicted, y)[0])

    return score


def mcc(model, X, y):
    from sklearn.metrics import matthews_corrcoef

    return float(matthews_corrcoef(y, model.predict(X)))


def scorers(cfg, task, y):
    """The recipe's metrics (config.json "metrics", the first is the main one) that fit this target.

    The task's usual ones when it names none; PR-AUC is added when the positive class is rare.
    """
    binary = task == "classification" and len(np.unique(y)) == 2
    if task == "classification":
        known = {
            "balanced accuracy": "balanced_accuracy",
            "ROC-AUC": "roc_auc" if binary else "roc_auc_ovr",
            "PR-AUC": "average_precision" if binary else None,
            "accuracy": "accuracy",
            "macro F1": "f1_macro",
            "MCC": mcc,
            "Brier score": "neg_brier_score" if binary else None,
            "log loss": "neg_log_loss",
        }
        usual = ["balanced accuracy", "ROC-AUC" if binary else "macro F1"]
    else:
        known = {
            "MAE": "neg_mean_absolute_error",
            "RMSE": "neg_root_mean_squared_error",
            "R2": "r2",
            "Spearman r": correlation("spearman"),
            "Pearson r": correlation("pearson"),
        }
        usual = ["MAE", "RMSE", "R2"]
    asked = [m for m in cfg.get("metrics") or [] if m in known]
    for m in asked:
        if known[m] is None:
            print(f"note: {m} needs two classes; left out")
    chosen = [m for m in asked if known[m] is not None] or usual
    if binary and np.bincount(y).min() < 0.2 * len(y) and "PR-AUC" not in chosen:
        chosen.append("PR-AUC")
    return {m: known[m] for m in chosen}


def models(task):
    classify = task == "classification"
    alphas = np.logspace(-3, 3, 10)
    head = (lambda: linear_model.RidgeClassifierCV(alphas=alphas)) if classify else (lambda: linear_model.RidgeCV(alphas=alphas))
    transform, name = kernels()
    return {
        "dummy": dummy.DummyClassifier(strategy="prior") if classify else dummy.DummyRegressor(strategy="mean"),
        "baseline: summary features + ridge": make_pipeline(FunctionTransformer(summary_features), StandardScaler(), head()),
        f"recommended: {name} + ridge": make_pipeline(transform, StandardScaler(), head()),
    }


def evaluate(chosen, X, y, groups, cv, scoring):
    rows = []
    for name, model in chosen.items():
        scores = model_selection.cross_validate(model, X, y, groups=groups, cv=cv, scoring=scoring, error_score="raise")
        for metric, scorer in scoring.items():
            folds = scores[f"test_{metric}"] * (-1 if isinstance(scorer, str) and scorer.startswith("neg_") else 1)
            rows.append({"model": name, "metric": metric, "mean": float(folds.mean()), "std": float(folds.std()), "folds": [float(f) for f in folds]})
    return rows


def print_table(rows):
    width = max(len(r["model"]) for r in rows) + 2
    print(f"\n{'model':<{width}}{'metric':<20}{'mean':>8}{'std':>8}  folds")
    for r in rows:
        print(f"{r['model']:<{width}}{r['metric']:<20}{r['mean']:>8.3f}{r['std']:>8.3f}  {len(r['folds'])}")
    lower = sorted({r["metric"] for r in rows} & {"Brier score", "log loss", "MAE", "RMSE"})
    if lower:
        print(f"(lower is better for {', '.join(lower)}; higher for the others)")


def main():
    parser = argparse.ArgumentParser(description="First experiment written by dl-advisor starter (see README.md).")
    parser.add_argument("data", nargs="?", help="a table with one series per row (CSV or TSV)")
    parser.add_argument("--target", help="the label column; default: config.json, else the last column")
    parser.add_argument("--group", help="the column that ties series together (subject, recording, site)")
    parser.add_argument("--smoke", action="store_true", help="a quick check on synthetic series, no downloads")
    args = parser.parse_args()
    cfg = json.loads((HERE / "config.json").read_text(encoding="utf-8"))
    for key in ("data", "target", "group"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    if args.smoke and args.data is None:
        table = synthetic_series(int(cfg.get("seed", 0)))
        cfg.update(target="label", group="group" if cfg["split"] == "grouped" else None, drop=[])
    elif cfg.get("data") is None:
        fail("no data: give the table's path (python3 run.py DATA) or set \"data\" in config.json")
    else:
        table = load_table(cfg["data"])
    if args.smoke:
        table, cfg["folds"] = table.head(300), 3
    cfg["target"] = column(table, cfg.get("target") or table.columns[-1], "target")
    cfg["group"] = column(table, cfg.get("group"), "group column")
    table = table[table[cfg["target"]].notna()].reset_index(drop=True)
    skip = {cfg["target"], cfg["group"], *cfg.get("drop", [])}
    points = [c for c in table.columns if c not in skip and pd.api.types.is_numeric_dtype(table[c])]
    if len(points) < 16:
        fail(f"only {len(points)} numeric columns: run.py expects one series per row, its time points as columns")
    X = table[points].interpolate(axis=1, limit_direction="both").fillna(0.0).to_numpy(dtype=float)
    task = task_of(cfg, table[cfg["target"]])
    y = encode_target(table[cfg["target"]], task)
    groups = table[cfg["group"]].astype(str) if cfg["group"] else None
    cv, described = make_split(cfg, task, y, groups)
    print(f"data: {cfg.get('data') or 'synthetic (--smoke)'}: {len(X)} series of {X.shape[1]} points, target {cfg['target']!r} ({task})")
    print(f"split: {described}")
    rows = evaluate(models(task), X, y, groups, cv, scorers(cfg, task, y))
    print_table(rows)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
