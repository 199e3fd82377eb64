#!/usr/bin/env python3
"""A first experiment on labelled images, written by `dl-advisor starter` (read README.md first).

The data is a folder with one subfolder per class (cats/001.png, dogs/002.jpg, ...), or a CSV
with a path column (relative to the CSV), a label column and optionally a group column. It
builds the evaluation split the advice asks for and scores on the same folds: a dummy
predictor, the baseline (a 32x32 thumbnail and colour histograms + PCA + logistic regression)
and, when torch and torchvision are installed, frozen features of a pretrained ResNet-18 +
logistic regression (the first form of transfer learning; fine-tune it once this works). It
prints a results table and writes results.json. Everything specific to your data is read from
config.json; the command line overrides it:

    python3 run.py [DATA] [--target COLUMN] [--group COLUMN] [--smoke]

--smoke runs on a few synthetic images, 3 folds, with a randomly initialised ResNet-18 (no
downloads). Exit codes: 0 done, 1 the experiment failed, 2 bad input or a missing package.
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEEDED = {"numpy": "numpy", "pandas": "pandas", "sklearn": "scikit-learn", "PIL": "pillow"}
SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


def fail(message, code=2):
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(code)


missing = [pip for module, pip in NEEDED.items() if importlib.util.find_spec(module) is None]
if missing:
    fail(f"missing Python packages: {' '.join(missing)}; install them with: pip install {' '.join(missing)}")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PIL import Image  # noqa: E402
from sklearn import decomposition, dummy, linear_model, model_selection  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


def from_folder(root):
    """One subfolder per class."""
    rows = [(str(p), d.name) for d in sorted(root.iterdir()) if d.is_dir() for p in sorted(d.rglob("*")) if p.suffix.lower() in SUFFIXES]
    if not rows:
        fail(f"{root}: no images in class subfolders (expected {root}/CLASS/IMAGE.png)")
    return pd.DataFrame(rows, columns=["path", "label"]), "path", "label"


def from_csv(path, cfg):
    table = pd.read_csv(path)
    path_col = cfg.get("path_column") or next((c for c in table.columns if str(c).lower() in ("path", "file", "filename", "image")), None)
    if path_col is None or path_col not in table.columns:
        fail('no image path column: name it with "path_column" in config.json')
    table[path_col] = [str(path.parent / p) for p in table[path_col]]
    return table, path_col, cfg.get("target") or table.columns[-1]


def load_images(paths):
    images = []
    for p in paths:
        try:
            images.append(Image.open(p).convert("RGB"))
        except OSError as e:
            fail(f"cannot read {p}: {e}")
    return images


def synthetic_images(seed):
    """120 images of 64x64 in 30 groups of 4: class 1 is brighter in its lower half."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=120)
    images = []
    for y in labels:
        pixels = rng.normal(100, 30, (64, 64, 3))
        pixels[32:] += 60 * y
        images.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    return images, labels, pd.Series(np.repeat(np.arange(30), 4)).astype(str)


def thumbnail_features(images):
    """A 32x32 grey thumbnail and a 16-bin histogram per colour channel."""
    rows = []
    for im in images:
        grey = np.asarray(im.convert("L").resize((32, 32)), dtype=np.float32).ravel() / 255
        hist = np.concatenate([np.histogram(np.asarray(im)[..., c], bins=16, range=(0, 255))[0] for c in range(3)]).astype(np.float32)
        rows.append(np.concatenate([grey, hist / hist.sum()]))
    return np.stack(rows)


def backbone_features(images, smoke):
    """Frozen ResNet-18 features (512 per image): ImageNet weights, or random ones under --smoke."""
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("torchvision") is None:
        print("note: torch and torchvision are not installed (pip install torch torchvision); the pretrained backbone is left out")
        return None, None
    import torch
    import torchvision

    weights = None if smoke else torchvision.models.ResNet18_Weights.DEFAULT
    net = torchvision.models.resnet18(weights=weights)
    net.fc = torch.nn.Identity()
    net.eval()
    prep = torchvision.transforms.Compose(
        [torchvision.transforms.Resize((224, 224)), torchvision.transforms.ToTensor(), torchvision.transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])]
    )
    out = []
    with torch.no_grad():
        for start in range(0, len(images), 32):
            batch = torch.stack([prep(im) for im in images[start : start + 32]])
            out.append(net(batch).numpy())
    return np.concatenate(out), "random-init ResNet-18 (--smoke)" if smoke else "pretrained ResNet-18"


def encode_target(y):
    counts = pd.Series(y).astype(str).value_counts()
    if len(counts) < 2:
        fail("the labels have fewer than two classes")
    order = list(counts.index) if len(counts) == 2 else sorted(counts.index)
    return pd.Series(y).astype(str).map({label: i for i, label in enumerate(order)}).to_numpy()


def make_split(cfg, y, groups):
    split, k, seed = cfg["split"], int(cfg.get("folds", 5)), int(cfg.get("seed", 0))
    if split == "grouped":
        if groups is None:
            fail('the split is grouped but no group column is known: use a CSV with a group column and set "group" in config.json')
        k = min(k, groups.nunique())
        return model_selection.StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed), f"StratifiedGroupKFold({k}) on {cfg['group']!r}"
    if split == "temporal":
        return model_selection.TimeSeriesSplit(n_splits=k), f"TimeSeriesSplit({k}), images in file order"
    k = min(k, int(np.bincount(y).min()))
    return model_selection.StratifiedKFold(n_splits=k, shuffle=True, random_state=seed), f"StratifiedKFold({k})"


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
    parser.add_argument("data", nargs="?", help="a folder of class subfolders, or a CSV with path and label columns")
    parser.add_argument("--target", help="with a CSV: the label column (default: the last column)")
    parser.add_argument("--group", help="with a CSV: the column that ties images together (patient, slide, site)")
    parser.add_argument("--smoke", action="store_true", help="a quick check on synthetic images, no downloads")
    args = parser.parse_args()
    cfg = json.loads((HERE / "config.json").read_text(encoding="utf-8"))
    for key in ("data", "target", "group"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    if args.smoke and args.data is None:
        images, labels, groups = synthetic_images(int(cfg.get("seed", 0)))
        cfg.update(group="group" if cfg["split"] == "grouped" else None)
        groups = groups if cfg["group"] else None
    elif cfg.get("data") is None:
        fail("no data: give the image folder or CSV (python3 run.py DATA) or set \"data\" in config.json")
    else:
        path = Path(cfg["data"])
        if not path.exists():
            fail(f"no such file or folder: {path}")
        table, path_col, target = from_folder(path) if path.is_dir() else from_csv(path, cfg)
        if args.smoke:
            table = table.sample(n=min(len(table), 60), random_state=0)
        group = cfg.get("group") if cfg.get("group") in table.columns else None
        groups = table[group].astype(str).reset_index(drop=True) if group else None
        cfg["group"] = group
        images, labels = load_images(table[path_col]), table[target].to_numpy()
    if args.smoke:
        cfg["folds"] = 3
    y = encode_target(labels)
    cv, described = make_split(cfg, y, groups)
    print(f"data: {cfg.get('data') or 'synthetic (--smoke)'}: {len(images)} images, {len(np.unique(y))} classes")
    print(f"split: {described}")
    scoring = scorers(cfg, "classification", y)
    thumbs = thumbnail_features(images)
    head = lambda: linear_model.LogisticRegression(max_iter=3000, class_weight="balanced")  # noqa: E731
    chosen = {
        "dummy": (dummy.DummyClassifier(strategy="prior"), thumbs),
        "baseline: thumbnail + histograms + logistic": (make_pipeline(StandardScaler(), decomposition.PCA(n_components=min(50, len(y) // 2), random_state=0), head()), thumbs),
    }
    features, name = backbone_features(images, args.smoke)
    if features is not None:
        chosen[f"recommended: frozen {name} + logistic"] = (make_pipeline(StandardScaler(), head()), features)
    rows = evaluate(chosen, y, groups, cv, scoring)
    print_table(rows)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
