#!/usr/bin/env python3
"""A first experiment on biological sequences, written by `dl-advisor starter` (read README.md first).

The data is a table with a sequence column (DNA, RNA or protein) and a label column. It builds
the evaluation split the advice asks for and scores on the same folds: a dummy predictor, the
baseline (one-hot encoded positions + a linear model), k-mer counts + the same linear model (no
alignment needed) and, for proteins when fair-esm is installed, mean-pooled ESM-2 embeddings +
the linear model. It prints a results table and writes results.json. Everything specific to
your data is read from config.json; the command line overrides it:

    python3 run.py [DATA] [--target COLUMN] [--sequence COLUMN] [--group COLUMN] [--smoke]

--group names a column of sequence-identity clusters (e.g. from MMseqs2 at 30-50%): the split
keeps each cluster in one fold. --smoke runs on a few synthetic sequences, 3 folds, no
downloads. Exit codes: 0 done, 1 the experiment failed, 2 bad input or a missing package.
"""

import argparse
import importlib.util
import json
import sys
from itertools import product
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEEDED = {"numpy": "numpy", "pandas": "pandas", "sklearn": "scikit-learn"}
NAMES = ("sequence", "seq", "protein", "dna", "rna", "peptide", "aa_seq")


def fail(message, code=2):
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(code)


missing = [pip for module, pip in NEEDED.items() if importlib.util.find_spec(module) is None]
if missing:
    fail(f"missing Python packages: {' '.join(missing)}; install them with: pip install {' '.join(missing)}")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import dummy, linear_model, model_selection  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


def alphabet_of(seqs):
    letters = set("".join(seqs[:500]))
    return "ACGT" if letters <= set("ACGTN") else "ACGU" if letters <= set("ACGUN") else "ACDEFGHIKLMNPQRSTVWY"


def one_hot(seqs, alphabet, length):
    """Position x letter indicators, sequences cut or padded to `length` (unknown letters: all zero)."""
    index = {a: i for i, a in enumerate(alphabet)}
    X = np.zeros((len(seqs), length * len(alphabet)), dtype=np.float32)
    for row, s in enumerate(seqs):
        for pos, letter in enumerate(s[:length]):
            if letter in index:
                X[row, pos * len(alphabet) + index[letter]] = 1
    return X


def kmer_counts(seqs, alphabet, k):
    """Counts of every k-mer, divided by the sequence length."""
    index = {"".join(p): i for i, p in enumerate(product(alphabet, repeat=k))}
    X = np.zeros((len(seqs), len(index)), dtype=np.float32)
    for row, s in enumerate(seqs):
        for i in range(len(s) - k + 1):
            j = index.get(s[i : i + k])
            if j is not None:
                X[row, j] += 1
        X[row] /= max(1, len(s) - k + 1)
    return X


def esm_embeddings(seqs, cfg):
    """Mean-pooled ESM-2 (650M) embeddings, when fair-esm is installed; downloads the weights once."""
    if cfg.get("smoke"):
        print("note: ESM-2 is left out of --smoke (it would download its weights)")
        return None
    if importlib.util.find_spec("esm") is None:
        print("note: fair-esm is not installed (pip install fair-esm torch); the ESM-2 embeddings are left out")
        return None
    import esm
    import torch

    model, alphabet = esm.pretrained.esm2_t33_650M_UR50D()
    model.eval()
    convert, out = alphabet.get_batch_converter(), []
    with torch.no_grad():
        for start in range(0, len(seqs), 8):
            _, _, tokens = convert([(str(i), s[:1022]) for i, s in enumerate(seqs[start : start + 8])])
            reps = model(tokens, repr_layers=[33])["representations"][33]
            for i, s in enumerate(seqs[start : start + 8]):
                out.append(reps[i, 1 : len(s[:1022]) + 1].mean(0).numpy())
    return np.stack(out)


def synthetic_sequences(task, seed):
    """120 protein sequences of 60 residues in 30 clusters; the label is the share of a motif."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("ACDEFGHIKLMNPQRSTVWY"))
    seqs, labels = [], []
    for _ in range(120):
        s = rng.choice(letters, size=60)
        n = int(rng.integers(0, 6))
        for pos in rng.choice(np.arange(0, 57), size=n, replace=False):
            s[pos : pos + 3] = list("KRH")
        seqs.append("".join(s))
        labels.append(n)
    target = (np.array(labels) >= 3).astype(int) if task != "regression" else np.array(labels, dtype=float)
    return pd.DataFrame({"sequence": seqs, "cluster": np.repeat(np.arange(30), 4), "target": target})


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
    if split == "grouped" and groups is None:
        print("WARNING: the advice asks for a split by sequence-identity cluster, but no cluster column is named (--group COLUMN);")
        print("         this run uses a random split, which overestimates the score when similar sequences are on both sides")
        split = "stratified"
    if split == "grouped":
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
    parser.add_argument("data", nargs="?", help="a table (CSV or TSV) with a sequence column and a label column")
    parser.add_argument("--target", help="the label column; default: config.json, else the last column")
    parser.add_argument("--sequence", help="the sequence column; default: a column named sequence, seq, protein, dna, ...")
    parser.add_argument("--group", help="a column of sequence-identity clusters (or families) to split by")
    parser.add_argument("--smoke", action="store_true", help="a quick check on synthetic sequences, no downloads")
    args = parser.parse_args()
    cfg = json.loads((HERE / "config.json").read_text(encoding="utf-8"))
    for key in ("data", "target", "sequence", "group"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    cfg["smoke"] = args.smoke
    if args.smoke and args.data is None:
        table = synthetic_sequences(cfg.get("task"), int(cfg.get("seed", 0)))
        cfg.update(target="target", sequence="sequence", group="cluster" if cfg["split"] == "grouped" else None)
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
    named = [c for c in table.columns if str(c).lower() in NAMES]
    seq_col = column(table, cfg.get("sequence") or (named[0] if named else None), "sequence column")
    if seq_col is None:
        fail("no sequence column: name it with --sequence COLUMN")
    table = table[table[cfg["target"]].notna() & table[seq_col].notna()].reset_index(drop=True)
    seqs = [str(s).strip().upper() for s in table[seq_col]]
    alphabet = alphabet_of(seqs)
    task = task_of(cfg, table[cfg["target"]])
    y = encode_target(table[cfg["target"]], task)
    groups = table[cfg["group"]].astype(str) if cfg["group"] else None
    cv, described = make_split(cfg, task, y, groups)
    length = int(np.percentile([len(s) for s in seqs], 95))
    print(f"data: {cfg.get('data') or 'synthetic (--smoke)'}: {len(seqs)} sequences ({'protein' if len(alphabet) == 20 else 'nucleotide'}, up to {length} positions used), target {cfg['target']!r} ({task})")
    print(f"split: {described}")
    classify = task == "classification"
    head = (lambda: linear_model.LogisticRegression(C=0.1, max_iter=3000)) if classify else (lambda: linear_model.RidgeCV(alphas=np.logspace(-3, 3, 13)))
    chosen = {
        "dummy": (dummy.DummyClassifier(strategy="prior") if classify else dummy.DummyRegressor(strategy="mean"), np.zeros((len(seqs), 1))),
        "baseline: one-hot positions + linear": (head(), one_hot(seqs, alphabet, length)),
        "k-mer counts + linear": (make_pipeline(StandardScaler(), head()), kmer_counts(seqs, alphabet, 3 if len(alphabet) == 20 else 5)),
    }
    embeddings = esm_embeddings(seqs, cfg) if len(alphabet) == 20 else None
    if embeddings is not None:
        chosen["recommended: ESM-2 embeddings + linear"] = (make_pipeline(StandardScaler(), head()), embeddings)
    rows = evaluate(chosen, y, groups, cv, scorers(cfg, task, y))
    print_table(rows)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
