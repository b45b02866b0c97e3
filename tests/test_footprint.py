"""A small install: run-time classification needs numpy only (same answers), heavy libraries load
only where used, scikit-learn lives in the [train] extra, charts have a CJK font without mplfonts."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pyproject_keeps_training_and_fonts_out_of_the_runtime_install() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"])
    extras = project["optional-dependencies"]
    assert "scikit-learn" not in runtime and "scipy" not in runtime and "mplfonts" not in runtime
    assert any(dep.startswith("scikit-learn") for dep in extras["train"])
    assert any(dep.startswith("scikit-learn") for dep in extras["test"])  # CI still trains in tests
    assert "numpy" in runtime and "openpyxl" in runtime and "xlsxwriter" in runtime


def test_linli_start_up_imports_no_heavy_library() -> None:
    loaded = json.loads(_python(
        "import json, sys, bot.cli\n"
        "heavy = ('matplotlib', 'openpyxl', 'xlsxwriter', 'telegram', 'aiogram', 'aiohttp', 'sklearn', 'scipy', 'PIL',\n"
        "         'rich.table', 'rich.tree', 'rich.progress', 'nlp.train')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))"))
    assert loaded == []


def test_classification_without_scikit_learn_gives_identical_results() -> None:
    """A process where scikit-learn and scipy cannot be imported classifies the dev set exactly as
    this one does (scikit-learn is installed here for the tests)."""
    from bot.nlp_cli import classification_dict
    from nlp import classify
    from nlp.train import data_path, read_labelled

    texts = [ex.text for ex in read_labelled(data_path("dev.jsonl")).examples][:120]
    code = (
        "import json, sys\n"
        "sys.modules['sklearn'] = None; sys.modules['scipy'] = None  # import fails, as when not installed\n"
        "from bot.nlp_cli import classification_dict\n"
        "from nlp import classify\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps([classification_dict(classify(t)) for t in texts], ensure_ascii=False))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, input=json.dumps(texts), capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                            "HOME": str(Path.home())}, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [classification_dict(classify(t)) for t in texts]


def test_shipped_model_scores_as_scikit_learn_pipeline() -> None:
    """The numpy scorer on model.npz equals TfidfVectorizer + LogisticRegression holding the same
    arrays, on the same features: category probabilities and both urgency heads."""
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from nlp.model import LinearModel
    from nlp.train import data_path, features_of, read_labelled

    model = LinearModel.load()
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True, lowercase=False,
                                 vocabulary=model.vocabulary)
    vectorizer.fit([terms])
    vectorizer.idf_ = model.idf
    categories = LogisticRegression()
    categories.classes_ = np.array(model.classes)
    categories.coef_ = (model.weights / model.temperature).T
    categories.intercept_ = model.intercept / model.temperature
    assert model.urgency_weights is not None and model.urgency_intercept is not None
    heads = []
    for column in range(2):
        head = LogisticRegression()
        head.classes_ = np.array([0, 1])
        head.coef_ = model.urgency_weights[:, column][None, :]
        head.intercept_ = model.urgency_intercept[column : column + 1]
        heads.append(head)
    texts = [ex.text for ex in read_labelled(data_path("dev.jsonl")).examples][:150]
    texts += ["", "hello", "押金押金押金押金", "楼上天天半夜吵，房东也不退押金"]
    for text in texts:
        features = features_of(text)
        probs, p_emergency, p_high = model.assess(features)
        x = vectorizer.transform([features])
        assert np.allclose(probs, categories.predict_proba(x)[0], atol=1e-9), text
        assert p_emergency == pytest.approx(heads[0].predict_proba(x)[0, 1], abs=1e-9)
        assert p_high == pytest.approx(heads[1].predict_proba(x)[0, 1], abs=1e-9)


def test_two_category_model_scores_as_scikit_learn() -> None:
    """scikit-learn fits two classes as one binary regression; the lean model still agrees."""
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from nlp.train import MIN_DF, Example, features_of, train

    examples = [Example(f"老板欠我工资{i}个月", "labor") for i in range(4)]
    examples += [Example(f"房东不退押金{i}千", "rental") for i in range(4)]
    model = train(examples, c=5.0, calibrate=False)
    docs = [features_of(ex.text) for ex in examples]
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, lowercase=False, min_df=MIN_DF)
    clf = LogisticRegression(C=5.0, max_iter=5000, class_weight="balanced").fit(
        vec.fit_transform(docs), [ex.category for ex in examples])
    for doc in [*docs, features_of("押金和工资")]:
        assert np.allclose(model.probabilities(doc), clf.predict_proba(vec.transform([doc]))[0], atol=1e-6)


# --------------------------------------------------------------------------- the chart font


def _font_path() -> Path:
    from bot.reports import _BUNDLED_FONT

    return ROOT / "bot" / "data" / _BUNDLED_FONT


def test_bundled_font_covers_catalogue_roster_and_digits() -> None:
    import unicodedata

    import yaml
    from matplotlib.ft2font import FT2Font

    from i18n import MESSAGES

    covered = {chr(code) for code in FT2Font(str(_font_path())).get_charmap()}
    roster = yaml.safe_load((ROOT / "storage" / "samples" / "tianya.yaml").read_text(encoding="utf-8"))
    names = "".join(c["name"] for c in roster["communities"])
    text = "".join(zh for zh, _ in MESSAGES.values()) + names + "0123456789%."
    # emoji and variation selectors are not drawn in charts; every letter, digit and CJK sign is
    needed = {c for c in text if unicodedata.category(c)[0] in "LNP"}
    assert needed - covered == set()
    assert (ROOT / "bot" / "data" / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1


def test_charts_render_chinese_without_missing_glyphs() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    from bot import reports

    reports.cjk_fonts.cache_clear()
    assert reports.cjk_font() == "Linli CJK Subset"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        with rc_context({"font.family": [*reports.cjk_fonts(), "DejaVu Sans"]}):
            figure = Figure()
            figure.subplots().set_title("金鸡岭路社区 劳动纠纷 按期办结率 98%")
            png = io.BytesIO()
            figure.savefig(png, format="png")
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_cjk_font_at_all_still_renders_with_a_warning(monkeypatch, caplog) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    from bot import reports

    monkeypatch.setattr(reports, "_BUNDLED_FONT", "no-such-font.otf")
    monkeypatch.setattr(reports, "_SYSTEM_CJK", ("No Such Family",))
    reports.cjk_fonts.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="bot.reports"):
            assert reports.cjk_fonts() == ()
        assert "no CJK font found" in caplog.text
        with warnings.catch_warnings(), rc_context({"font.family": [*reports.cjk_fonts(), "DejaVu Sans"]}):
            warnings.simplefilter("ignore")
            figure = Figure()
            figure.subplots().set_title("社区")
            png = io.BytesIO()
            figure.savefig(png, format="png")
        assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        reports.cjk_fonts.cache_clear()


def test_charts_are_an_extra_and_stats_says_so_without_them() -> None:
    """matplotlib is ``linli[charts]``; a renderer without it makes no chart, and /stats answers
    with the figures and a note in the reader's language instead of a failure."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(dep.startswith("matplotlib") for dep in project["dependencies"])
    assert any(dep.startswith("matplotlib") for dep in project["optional-dependencies"]["charts"])
    out = _python(
        "import sys; sys.modules['matplotlib'] = None\n"
        "import importlib.util; _find = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name == 'matplotlib' else _find(name, *a)\n"
        "from bot.report_renderer import FileReportRenderer\n"
        "print(FileReportRenderer('/tmp').charts)\n")
    assert out.strip() == "False"
    from i18n import t
    assert "linli[charts]" in t("jobs.charts_missing", "zh") and "linli[charts]" in t("jobs.charts_missing", "en")
