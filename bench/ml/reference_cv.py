#!/usr/bin/python3
"""scikit-learn side of bench/ml/accuracy.bench.ts: the BASELINES.md protocol on /work/shared/data.

Usage: /usr/bin/python3 reference_cv.py DATA_DIR MODELS   (MODELS: comma list of hgb,lr,rf)
Prints one JSON object: {dataset: {model: {auc, accuracy, logloss | rmse, r2, fit_s}}}.
Protocol: pandas read_csv defaults, target = last column, text columns categorical;
classification StratifiedKFold(5, shuffle=True, random_state=0), regression KFold(same).
HGB defaults with categoricals ordinal-encoded (fitted per fold, unknown -> NaN) and declared
categorical; LR = LogisticRegression(max_iter=2000) / Ridge() on median-imputed, standardised
numerics + one-hot categoricals; RF = 300 trees on median/constant-imputed ordinal codes, averaged over random_state 0-4.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score, roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, OneHotEncoder, OrdinalEncoder, StandardScaler

CLASSIFICATION = ["breast-cancer", "glass", "vote", "soybean", "segment-challenge", "labor",
                  "sklearn_wine", "sklearn_digits"]
REGRESSION = ["cpu"]


def load(data_dir, name):
    df = pd.read_csv("%s/%s.csv" % (data_dir, name))
    X, y = df.iloc[:, :-1], df.iloc[:, -1]
    cats = [c for c in X.columns if X[c].dtype == object]
    nums = [c for c in X.columns if c not in cats]
    return X, y, cats, nums


def make_model(kind, task, cats, nums, columns, seed=0):
    if kind == "hgb":
        enc = ColumnTransformer([
            ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), cats),
            ("num", "passthrough", nums)])
        mask = [True] * len(cats) + [False] * len(nums)
        est = (HistGradientBoostingClassifier(categorical_features=mask, random_state=0) if task == "clf"
               else HistGradientBoostingRegressor(categorical_features=mask, random_state=0))
        return make_pipeline(enc, est)
    if kind == "lr":
        enc = ColumnTransformer([
            ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                                  OneHotEncoder(handle_unknown="ignore")), cats),
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), nums)])
        est = LogisticRegression(max_iter=2000) if task == "clf" else Ridge()
        return make_pipeline(enc, est)
    if kind == "rf":
        enc = ColumnTransformer([
            ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                                  OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)), cats),
            ("num", SimpleImputer(strategy="median"), nums)])
        est = (RandomForestClassifier(n_estimators=300, random_state=seed, n_jobs=-1) if task == "clf"
               else RandomForestRegressor(n_estimators=300, random_state=seed, n_jobs=-1))
        return make_pipeline(enc, est)
    raise SystemExit("unknown model " + kind)


def run(data_dir, name, kinds):
    X, y_raw, cats, nums = load(data_dir, name)
    task = "reg" if name in REGRESSION else "clf"
    out = {}
    if task == "clf":
        y = LabelEncoder().fit_transform(y_raw)
        folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    else:
        y = y_raw.to_numpy(dtype=float)
        folds = list(KFold(5, shuffle=True, random_state=0).split(X))
    for kind in kinds:
        scores, fit_s = [], 0.0
        # Random forests: mean over random_state 0-4 (as the UAM side); one seed is too noisy here.
        seeds = range(5) if kind == "rf" else [0]
        for seed, (tr, te) in [(s, f) for s in seeds for f in folds]:
            m = make_model(kind, task, cats, nums, X.columns, seed)
            t0 = time.perf_counter()
            m.fit(X.iloc[tr], y[tr])
            fit_s += time.perf_counter() - t0
            if task == "clf":
                p = m.predict_proba(X.iloc[te])
                labels = list(range(len(np.unique(y))))
                if p.shape[1] == 2:
                    auc = roc_auc_score(y[te], p[:, 1])
                else:
                    auc = roc_auc_score(y[te], p, multi_class="ovr", labels=m.classes_)
                scores.append((accuracy_score(y[te], m.classes_[p.argmax(1)]), auc,
                               log_loss(y[te], p, labels=m.classes_)))
                del labels
            else:
                pred = m.predict(X.iloc[te])
                scores.append((mean_squared_error(y[te], pred) ** 0.5, r2_score(y[te], pred)))
        s = np.array(scores)
        if task == "clf":
            out[kind] = {"accuracy": s[:, 0].mean(), "auc": s[:, 1].mean(), "logloss": s[:, 2].mean(), "fit_s": fit_s}
        else:
            out[kind] = {"rmse": s[:, 0].mean(), "r2": s[:, 1].mean(), "fit_s": fit_s}
    return out


def main():
    data_dir, kinds = sys.argv[1], sys.argv[2].split(",")
    only = sys.argv[3].split(",") if len(sys.argv) > 3 else CLASSIFICATION + REGRESSION
    print(json.dumps({name: run(data_dir, name, kinds) for name in only}))


if __name__ == "__main__":
    main()
