#!/usr/bin/env python3
"""A first experiment on molecules, written by `dl-advisor starter` (read README.md first).

The data is a table with a SMILES column and a label column. It builds the evaluation split the
advice asks for (by default a scaffold split: molecules that share a Bemis-Murcko scaffold stay
in one fold) and scores on the same folds: a dummy predictor, the baseline (seven RDKit
descriptors + a linear model) and a random forest on Morgan fingerprints. It prints a results
table and writes results.json. Everything specific to your data is read from config.json; the
command line overrides it:

    python3 run.py [DATA] [--target COLUMN] [--smiles COLUMN] [--group COLUMN] [--smoke]

--smoke runs on a few built-in molecules, 3 folds, no downloads. Exit codes: 0 done, 1 the
experiment failed, 2 bad input or a missing package.
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEEDED = {"numpy": "numpy", "pandas": "pandas", "sklearn": "scikit-learn", "rdkit": "rdkit"}


def fail(message, code=2):
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(code)


missing = [pip for module, pip in NEEDED.items() if importlib.util.find_spec(module) is None]
if missing:
    fail(f"missing Python packages: {' '.join(missing)}; install them with: pip install {' '.join(missing)}")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from rdkit import Chem, DataStructs, RDLogger  # noqa: E402
from rdkit.Chem import AllChem, Descriptors  # noqa: E402
from rdkit.Chem.Scaffolds import MurckoScaffold  # noqa: E402
from sklearn import dummy, ensemble, linear_model, model_selection  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

RDLogger.DisableLog("rdApp.*")
DESCRIPTORS = [Descriptors.MolWt, Descriptors.MolLogP, Descriptors.TPSA, Descriptors.NumHDonors, Descriptors.NumHAcceptors, Descriptors.NumRotatableBonds, Descriptors.RingCount]


def morgan(mols, radius=2, bits=2048):
    """Morgan (ECFP4-like) bit vectors, one row per molecule."""
    X = np.zeros((len(mols), bits), dtype=np.uint8)
    for i, mol in enumerate(mols):
        DataStructs.ConvertToNumpyArray(AllChem.GetMorganFingerprintAsBitVect(mol, radius, nBits=bits), X[i])
    return X


def scaffold(mol):
    return MurckoScaffold.MurckoScaffoldSmiles(mol=mol) or "(acyclic)"


def synthetic_molecules(task, seed):
    """Seven ring systems with side chains of 1-8 carbons; the label is the chain length."""
    rng = np.random.default_rng(seed)
    rings = ["", "c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCOC1", "c1ccc2ccccc2c1", "C1CC1"]
    rows = [(ring + "C" * n + "O", n) for ring in rings for n in range(1, 9)]
    table = pd.DataFrame(rows, columns=["smiles", "chain"])
    table["target"] = (table["chain"] > 4).astype(int) if task != "regression" else table["chain"] + rng.normal(0, 0.3, len(table))
    return table.drop(columns="chain")


def column(table, name, what):
    if name is not None and name not in table.columns:
        fail(f"no column {name!r} for the {what}; the columns are: {', '.join(map(str, table.columns))}")
    return name


def smiles_column(table, cfg):
    if cfg.get("smiles"):
        return column(table, cfg["smiles"], "SMILES column")
    named = [c for c in table.columns if str(c).lower() in ("smiles", "canonical_smiles", "smi")]
    if not named:
        fail("no SMILES column: name it with --smiles COLUMN")
    return named[0]


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
    if split in ("scaffold", "grouped"):
        if groups is None:
            fail('the split is grouped but no group column is known: pass --group COLUMN or set "group" in config.json')
        k = min(k, groups.nunique())
        if k < 2:
            fail("a grouped split needs at least two groups (scaffolds)")
        what = "Bemis-Murcko scaffolds" if split == "scaffold" else repr(cfg["group"])
        if task == "classification":
            return model_selection.StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed), f"StratifiedGroupKFold({k}) on {what}"
        return model_selection.GroupKFold(n_splits=k), f"GroupKFold({k}) on {what}"
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


def evaluate(chosen, y, groups, cv, scoring):
    rows = []
    for name, (model, X) in chosen.items():
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
    parser.add_argument("data", nargs="?", help="a table (CSV or TSV) with a SMILES column and a label column")
    parser.add_argument("--target", help="the label column; default: config.json, else the last column")
    parser.add_argument("--smiles", help="the SMILES column; default: a column named smiles")
    parser.add_argument("--group", help="a column to group by instead of the scaffold (series, assay, time period)")
    parser.add_argument("--smoke", action="store_true", help="a quick check on built-in molecules, no downloads")
    args = parser.parse_args()
    cfg = json.loads((HERE / "config.json").read_text(encoding="utf-8"))
    for key in ("data", "target", "smiles", "group"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    if args.group is not None:
        cfg["split"] = "grouped"
    if args.smoke and args.data is None:
        table = synthetic_molecules(cfg.get("task"), int(cfg.get("seed", 0)))
        cfg.update(target="target", smiles="smiles", group=None)
    elif cfg.get("data") is None:
        fail("no data: give the table's path (python3 run.py DATA) or set \"data\" in config.json")
    else:
        path = Path(cfg["data"])
        if not path.is_file():
            fail(f"no such file: {path}")
        table = pd.read_csv(path, sep="\t" if path.suffix.lower() in (".tsv", ".tab") else ",")
    if args.smoke:
        table, cfg["folds"] = table.head(300), 3
    cfg["target"] = column(table, cfg.get("target") or table.columns[-1], "target")
    cfg["group"] = column(table, cfg.get("group"), "group column")
    smiles = smiles_column(table, cfg)
    table = table[table[cfg["target"]].notna()].reset_index(drop=True)
    mols = [Chem.MolFromSmiles(str(s)) for s in table[smiles]]
    valid = np.array([m is not None for m in mols])
    if not valid.all():
        print(f"note: {int((~valid).sum())} rows have SMILES RDKit cannot read; they are left out")
    table, mols = table[valid].reset_index(drop=True), [m for m in mols if m is not None]
    task = task_of(cfg, table[cfg["target"]])
    y = encode_target(table[cfg["target"]], task)
    if cfg["split"] == "scaffold":
        groups = pd.Series([scaffold(m) for m in mols])
    else:
        groups = table[cfg["group"]].astype(str) if cfg["group"] else None
    cv, described = make_split(cfg, task, y, groups)
    print(f"data: {cfg.get('data') or 'built-in molecules (--smoke)'}: {len(mols)} molecules in {smiles!r}, target {cfg['target']!r} ({task})")
    print(f"split: {described}")
    classify = task == "classification"
    descriptors = np.array([[f(m) for f in DESCRIPTORS] for m in mols])
    linear = linear_model.LogisticRegression(max_iter=2000) if classify else linear_model.RidgeCV(alphas=np.logspace(-3, 3, 13))
    forest = (ensemble.RandomForestClassifier if classify else ensemble.RandomForestRegressor)(n_estimators=500, n_jobs=-1, random_state=0)
    chosen = {
        "dummy": (dummy.DummyClassifier(strategy="prior") if classify else dummy.DummyRegressor(strategy="mean"), descriptors),
        "baseline: RDKit descriptors + linear": (make_pipeline(StandardScaler(), linear), descriptors),
        "recommended: Morgan fingerprints + random forest": (forest, morgan(mols)),
    }
    rows = evaluate(chosen, y, groups, cv, scorers(cfg, task, y))
    print_table(rows)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
