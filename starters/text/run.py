#!/usr/bin/env python3
"""A first experiment on labelled texts, written by `dl-advisor starter` (read README.md first).

It loads a table with a text column and a label column, builds the evaluation split the advice
asks for, and scores on the same folds: a dummy predictor, the baseline (TF-IDF + logistic or
ridge regression) and, when sentence-transformers is installed, frozen embeddings of a small
pretrained model + the same linear head (the cheap first look at a pretrained model; fine-tune
it as README.md says once this works). It prints a results table and writes results.json.
Everything specific to your data is read from config.json; the command line overrides it:

    python3 run.py [DATA] [--target COLUMN] [--text COLUMN] [--group COLUMN] [--smoke]

--smoke runs on a few synthetic texts, 3 folds, no downloads. Exit codes: 0 done, 1 the
experiment failed, 2 bad input or a missing package.
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEEDED = {"numpy": "numpy", "pandas": "pandas", "sklearn": "scikit-learn"}
EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def fail(message, code=2):
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(code)


missing = [pip for module, pip in NEEDED.items() if importlib.util.find_spec(module) is None]
if missing:
    fail(f"missing Python packages: {' '.join(missing)}; install them with: pip install {' '.join(missing)}")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import dummy, linear_model, model_selection  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer, StandardScaler  # noqa: E402


def load_table(path):
    path = Path(path)
    if not path.is_file():
        fail(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return pd.read_csv(path, sep="\t")
    if suffix in (".jsonl", ".ndjson"):
        return pd.read_json(path, lines=True)
    return pd.read_csv(path)


def synthetic_texts(seed):
    """Two kinds of sentences in 30 groups of 4; the words tell the class."""
    rng = np.random.default_rng(seed)
    words = [["binding", "affinity", "ligand", "receptor"], ["growth", "yield", "soil", "drought"]]
    common = ["the", "sample", "showed", "a", "strong", "effect", "in", "trial"]
    labels = rng.integers(0, 2, size=120)
    texts = [" ".join(rng.choice(common + words[y], size=12)) for y in labels]
    return pd.DataFrame({"text": texts, "group": np.repeat(np.arange(30), 4), "label": labels})


def column(table, name, what):
    if name is None:
        return None
    if name not in table.columns:
        fail(f"no column {name!r} for the {what}; the columns are: {', '.join(map(str, table.columns))}")
    return name


def text_column(table, cfg):
    """The column given, else the one with the longest values on average."""
    if cfg.get("text"):
        return column(table, cfg["text"], "text column")
    others = [c for c in table.columns if c not in (cfg["target"], cfg.get("group")) and table[c].dtype == object]
    if not others:
        fail("no text column: name it with --text COLUMN")
    return max(others, key=lambda c: table[c].astype(str).str.len().mean())


def task_of(cfg, y):
    if cfg.get("task") in ("classification", "regression"):
        return cfg["task"]
    numeric = pd.api.types.is_numeric_dtype(y) and not pd.api.types.is_bool_dtype(y)
    return "regression" if numeric and y.nunique() > 20 else "classification"


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


def embedder(cfg):
    """Frozen sentence embeddings, when sentence-transformers is installed (downloads the model once)."""
    if cfg.get("smoke"):
        print("note: the pretrained model is left out of --smoke (it would download its weights)")
        return None
    if importlib.util.find_spec("sentence_transformers") is None:
        print("note: sentence-transformers is not installed (pip install sentence-transformers); the pretrained model is left out")
        return None
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(EMBEDDING_MODEL)
    return FunctionTransformer(lambda texts: model.encode(list(texts), batch_size=32, show_progress_bar=False))


def models(cfg, task, y):
    classify = task == "classification"
    weight = "balanced" if classify and np.bincount(y).min() < 0.2 * len(y) else None
    head = (lambda: linear_model.LogisticRegression(max_iter=2000, class_weight=weight)) if classify else (lambda: linear_model.RidgeCV(alphas=np.logspace(-3, 3, 13)))
    chosen = {"dummy": dummy.DummyClassifier(strategy="prior") if classify else dummy.DummyRegressor(strategy="mean")}
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chosen["baseline: TF-IDF + " + ("logistic regression" if classify else "ridge")] = make_pipeline(tfidf, head())
    embed = embedder(cfg)
    if embed is not None:
        chosen["recommended: pretrained embeddings + linear head"] = make_pipeline(embed, StandardScaler(), head())
    return chosen


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
    parser.add_argument("data", nargs="?", help="a table (CSV, TSV, JSON Lines) with a text and a label column")
    parser.add_argument("--target", help="the label column; default: config.json, else the last column")
    parser.add_argument("--text", help="the text column; default: the column with the longest values")
    parser.add_argument("--group", help="the column that ties texts together (author, patient, document)")
    parser.add_argument("--smoke", action="store_true", help="a quick check on synthetic texts, no downloads")
    args = parser.parse_args()
    cfg = json.loads((HERE / "config.json").read_text(encoding="utf-8"))
    for key in ("data", "target", "text", "group"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    cfg["smoke"] = args.smoke
    if args.smoke and args.data is None:
        table = synthetic_texts(int(cfg.get("seed", 0)))
        cfg.update(target="label", text="text", group="group" if cfg["split"] == "grouped" else None)
    elif cfg.get("data") is None:
        fail("no data: give the table's path (python3 run.py DATA) or set \"data\" in config.json")
    else:
        table = load_table(cfg["data"])
    if args.smoke:
        table, cfg["folds"] = table.head(300), 3
    cfg["target"] = column(table, cfg.get("target") or table.columns[-1], "target")
    cfg["group"] = column(table, cfg.get("group"), "group column")
    text = text_column(table, cfg)
    table = table[table[cfg["target"]].notna()].reset_index(drop=True)
    task = task_of(cfg, table[cfg["target"]])
    y = encode_target(table[cfg["target"]], task)
    groups = table[cfg["group"]].astype(str) if cfg["group"] else None
    X = table[text].fillna("").astype(str)
    cv, described = make_split(cfg, task, y, groups)
    print(f"data: {cfg.get('data') or 'synthetic (--smoke)'}: {len(table)} texts in {text!r}, target {cfg['target']!r} ({task})")
    print(f"split: {described}")
    rows = evaluate(models(cfg, task, y), X, y, groups, cv, scorers(cfg, task, y))
    print_table(rows)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
