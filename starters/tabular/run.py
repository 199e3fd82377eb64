#!/usr/bin/env python3
"""A first experiment on a table, written by `dl-advisor starter` (read README.md first).

It loads the table, builds the evaluation split the advice asks for, fits a dummy predictor,
the baseline and the recommended model on the same folds, prints a results table and writes
results.json next to this file. Everything specific to your data (path, target, group column,
split, folds) is read from config.json; the command line overrides it:

    python3 run.py [DATA] [--target COLUMN] [--group COLUMN] [--time COLUMN] [--smoke]

--smoke runs on a small synthetic table (or the first 300 rows of DATA) with 3 folds, to check
that everything is installed. Exit codes: 0 done, 1 the experiment failed, 2 bad input or a
missing package.
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
from sklearn import dummy, ensemble, linear_model, model_selection, neural_network  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler  # noqa: E402


def read_config(args):
    cfg = json.loads((HERE / "config.json").read_text(encoding="utf-8"))
    for key in ("data", "target", "group", "time"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    return cfg


def load_table(path):
    path = Path(path)
    if not path.is_file():
        fail(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return pd.read_csv(path, sep="\t")
    if suffix in (".jsonl", ".ndjson"):
        return pd.read_json(path, lines=True)
    if suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path)


def synthetic_table(task, seed):
    """40 groups of 5 rows; the target depends on x0, x1 and a group effect."""
    rng = np.random.default_rng(seed)
    groups = np.repeat(np.arange(40), 5)
    x = rng.normal(size=(200, 4))
    signal = 2 * x[:, 0] - x[:, 1] + rng.normal(size=40)[groups]
    table = pd.DataFrame(x, columns=["x0", "x1", "x2", "x3"])
    table["site"] = rng.choice(["a", "b", "c"], size=200)
    table["group"] = groups
    table["target"] = (signal > 0).astype(int) if task != "regression" else signal
    return table


def column(table, name, what):
    if name is None:
        return None
    if name not in table.columns:
        fail(f"no column {name!r} for the {what}; the columns are: {', '.join(map(str, table.columns))}")
    return name


def task_of(cfg, y):
    if cfg.get("task") in ("classification", "regression"):
        return cfg["task"]
    numeric = pd.api.types.is_numeric_dtype(y) and not pd.api.types.is_bool_dtype(y)
    return "regression" if numeric and y.nunique() > 20 else "classification"


def encode_target(y, task):
    """Classes as 0..k-1; with two classes the rarer one is 1 (the positive class of PR-AUC)."""
    if task == "regression":
        return y.astype(float).to_numpy(), None
    counts = y.astype(str).value_counts()
    if len(counts) < 2:
        fail("the target has fewer than two classes")
    order = list(counts.index) if len(counts) == 2 else sorted(counts.index)
    codes = y.astype(str).map({label: i for i, label in enumerate(order)}).to_numpy()
    return codes, order


def features(table, cfg):
    """The input columns: everything except the target, group, time and ID columns."""
    skip = {cfg.get("target"), cfg.get("group"), cfg.get("time"), *cfg.get("drop", [])}
    X = table[[c for c in table.columns if c not in skip]].dropna(axis=1, how="all")
    numeric = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
    categorical = [c for c in X.columns if c not in numeric and X[c].nunique() <= max(50, len(X) // 20)]
    dropped = [c for c in X.columns if c not in numeric and c not in categorical]
    for c in categorical:
        X[c] = X[c].astype(str).where(X[c].notna(), np.nan)
    return X[numeric + categorical], numeric, categorical, dropped


def make_split(cfg, task, y, groups):
    split, k, seed = cfg["split"], int(cfg.get("folds", 5)), int(cfg.get("seed", 0))
    if split == "grouped":
        if groups is None:
            fail('the split is grouped but no group column is known: pass --group COLUMN or set "group" in config.json')
        k = min(k, groups.nunique())
        if k < 2:
            fail("a grouped split needs at least two groups")
        if task == "classification":
            return model_selection.StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed), f"StratifiedGroupKFold({k}) on {cfg['group']!r}"
        return model_selection.GroupKFold(n_splits=k), f"GroupKFold({k}) on {cfg['group']!r}"
    if split == "temporal":
        order = f"rows ordered by {cfg['time']!r}" if cfg.get("time") else "rows in file order (no time column named: --time COLUMN)"
        return model_selection.TimeSeriesSplit(n_splits=k), f"TimeSeriesSplit({k}), {order}"
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


def linear_inputs(numeric, categorical):
    return ColumnTransformer(
        [
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
        ]
    )


def tree_inputs(numeric, categorical):
    codes = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan)
    return ColumnTransformer([("num", "passthrough", numeric), ("cat", codes, categorical)])


def optional_model(name, X, numeric, categorical, classify, cfg):
    """LightGBM, CatBoost or TabPFN when installed; None (with a message) when not."""
    module = {"lightgbm": "lightgbm", "catboost": "catboost", "tabpfn": "tabpfn"}[name]
    if importlib.util.find_spec(module) is None:
        print(f"note: {name} is not installed (pip install {name}); it is left out")
        return None
    if name == "tabpfn" and cfg.get("smoke"):
        print("note: TabPFN downloads its weights on first use; left out of --smoke")
        return None
    if name == "lightgbm":
        import lightgbm

        est = lightgbm.LGBMClassifier(verbose=-1) if classify else lightgbm.LGBMRegressor(verbose=-1)
    elif name == "catboost":
        import catboost

        est = catboost.CatBoostClassifier(verbose=0) if classify else catboost.CatBoostRegressor(verbose=0)
    else:
        import tabpfn

        est = tabpfn.TabPFNClassifier() if classify else tabpfn.TabPFNRegressor()
    return make_pipeline(tree_inputs(numeric, categorical), est)


def models(cfg, task, y, numeric, categorical, X):
    """Dummy, baseline and recommended model (names as they appear in the results)."""
    classify = task == "classification"
    seed = int(cfg.get("seed", 0))
    weight = "balanced" if classify and np.bincount(y).min() < 0.2 * len(y) else None
    if weight:
        print("note: a class is rare, so the linear and boosting models use class_weight='balanced'")
    chosen = {"dummy": dummy.DummyClassifier(strategy="prior") if classify else dummy.DummyRegressor(strategy="mean")}
    linear = linear_model.LogisticRegression(max_iter=2000, class_weight=weight) if classify else linear_model.RidgeCV(alphas=np.logspace(-3, 3, 13))
    recommended = cfg["model"]
    if recommended not in ("hgb", "mlp", "tabpfn", "linear", "none"):
        fail(f'config.json: "model" must be hgb, mlp, tabpfn, linear or none, not {recommended!r}')
    role = "recommended: " if recommended == "linear" else "baseline: "
    chosen[role + ("logistic regression" if classify else "ridge regression")] = make_pipeline(linear_inputs(numeric, categorical), linear)
    if recommended == "tabpfn":
        tabpfn = optional_model("tabpfn", X, numeric, categorical, classify, cfg)
        if tabpfn is not None:
            chosen["recommended: TabPFN"] = tabpfn
        recommended = "hgb"
    kind = ensemble.HistGradientBoostingClassifier if classify else ensemble.HistGradientBoostingRegressor
    boosting = make_pipeline(tree_inputs(numeric, categorical), kind(random_state=seed, **({"class_weight": weight} if classify else {})))
    if recommended == "hgb":
        chosen["recommended: gradient boosting"] = boosting
    elif "hgb" in cfg.get("also_try", []):
        chosen["also: gradient boosting"] = boosting
    elif recommended == "mlp":
        kind = neural_network.MLPClassifier if classify else neural_network.MLPRegressor
        net = kind(hidden_layer_sizes=(64, 64), alpha=1e-3, early_stopping=True, max_iter=500, random_state=seed)
        chosen["recommended: MLP"] = make_pipeline(linear_inputs(numeric, categorical), net)
    for name in [n for n in cfg.get("also_try", []) if n != "hgb"]:
        est = optional_model(name, X, numeric, categorical, classify, cfg)
        if est is not None:
            chosen[f"also: {name}"] = est
    return chosen


def few_threads(rows):
    """On a small table, one thread: starting OpenMP threads for gradient boosting costs more than the work."""
    if rows < 20000 and importlib.util.find_spec("threadpoolctl") is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)


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
    parser.add_argument("data", nargs="?", help="the table (CSV, TSV, JSON Lines, Parquet); default: config.json")
    parser.add_argument("--target", help="the column to predict; default: config.json, else the last column")
    parser.add_argument("--group", help="the column that ties rows together (patient, site, batch)")
    parser.add_argument("--time", help="the column to order rows by for a temporal split (a date or a number)")
    parser.add_argument("--smoke", action="store_true", help="a quick check on a small synthetic table")
    args = parser.parse_args()
    cfg = read_config(args)
    cfg["smoke"] = args.smoke
    if args.smoke and args.data is None:
        table = synthetic_table(cfg.get("task"), int(cfg.get("seed", 0)))
        cfg.update(target="target", group="group" if cfg["split"] == "grouped" else None, time=None, drop=[])
    elif cfg.get("data") is None:
        fail("no data: give the table's path (python3 run.py DATA) or set \"data\" in config.json")
    else:
        table = load_table(cfg["data"])
    if args.smoke:
        table, cfg["folds"] = table.head(300), 3
    cfg["target"] = column(table, cfg.get("target") or table.columns[-1], "target")
    cfg["group"] = column(table, cfg.get("group"), "group column")
    cfg["time"] = column(table, cfg.get("time"), "time column")
    if cfg["split"] == "temporal" and cfg["time"]:
        table = table.sort_values(cfg["time"], kind="stable")
    table = table[table[cfg["target"]].notna()].reset_index(drop=True)
    task = task_of(cfg, table[cfg["target"]])
    y, classes = encode_target(table[cfg["target"]], task)
    groups = table[cfg["group"]].astype(str) if cfg["group"] else None
    X, numeric, categorical, dropped = features(table, cfg)
    cv, described = make_split(cfg, task, y, groups)
    few_threads(len(table))
    print(f"data: {cfg.get('data') or 'synthetic (--smoke)'}: {len(table)} rows, {len(numeric)} numeric and {len(categorical)} categorical features")
    if classes:
        positive = f", positive class {classes[1]!r}" if len(classes) == 2 else ""
        print(f"target: {cfg['target']!r} (classification, classes {', '.join(map(repr, classes))}{positive})")
    else:
        print(f"target: {cfg['target']!r} (regression)")
    if dropped:
        print(f"left out (text or ID-like, too many distinct values): {', '.join(map(repr, dropped))}")
    print(f"split: {described}")
    rows = evaluate(models(cfg, task, y, numeric, categorical, X), X, y, groups, cv, scorers(cfg, task, y))
    print_table(rows)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
