"""The learnt confidence (articles/parser/confidence.py): the committed model is read and used, the same
page gets the same confidences, training is reproducible, an ambiguous piece is flagged before a clear
one, and without a usable model the rules' own confidence stands."""

from pathlib import Path

import pytest

from articles.parser import Correction, Label, parse_page
from articles.parser import confidence
from articles.parser.confidence import ConfidenceModel, committed_model
from bench.parse_confidence import folder_pages, score_page
from bench.train_confidence import examples_of, main as train_main

PAGES = Path(__file__).parent / "confidence_pages"

AMBIGUOUS = "居民说：好"  # a short line that reads neither as a headline nor as a sentence
CLEAR = "建成后的公园由社区志愿者日常维护"
PAGE = (
    "# 城区新增三处口袋公园\n\n"
    "本报讯 记者 林晓 今年以来，城区利用边角地块新建三处口袋公园，种植花木两千余株，铺设步道一千余米，"
    "附近居民出门不远就能散步休闲。\n\n"
    "口袋公园由街道统一规划，社区征求居民意见后确定设计方案，座椅、路灯和健身器材都按居民的需要配置。\n\n"
    f"{AMBIGUOUS}\n\n"
    f"{CLEAR}，居民还自发组成护绿队，每周开展一次清扫和浇灌，让公园常年保持整洁。\n"
)


def piece(page, start):
    return next(d for d in page.decisions if d.text.startswith(start))


@pytest.fixture
def no_model_file(tmp_path, monkeypatch):
    monkeypatch.setattr(confidence, "MODEL_FILE", tmp_path / "missing.json")
    committed_model.cache_clear()
    yield
    committed_model.cache_clear()


def test_the_committed_model_is_read_and_sets_each_decisions_confidence():
    model = committed_model()
    page, rules = parse_page(PAGE), parse_page(PAGE, confidence_model=None)

    assert model is not None and model.weights
    assert all(0.0 < d.confidence < 1.0 for d in page.decisions)
    assert [d.confidence for d in page.decisions] != [d.confidence for d in rules.decisions]
    assert [(d.label, d.story, d.why) for d in page.decisions] == [(d.label, d.story, d.why) for d in rules.decisions]


def test_the_same_page_gets_the_same_confidences():
    first, again = parse_page(PAGE), parse_page(PAGE)

    assert [d.confidence for d in first.decisions] == [d.confidence for d in again.decisions]


def test_an_ambiguous_piece_is_flagged_before_a_clear_one():
    page = parse_page(PAGE)

    assert page.uncertain(1) == [piece(page, AMBIGUOUS)]
    assert piece(page, CLEAR).confidence > piece(page, AMBIGUOUS).confidence


def test_an_editors_correction_stays_certain():
    key = piece(parse_page(PAGE), AMBIGUOUS).key
    page = parse_page(PAGE, [Correction(key=key, label=Label.SUBHEAD)])

    assert (piece(page, AMBIGUOUS).label, piece(page, AMBIGUOUS).confidence) == (Label.SUBHEAD, 1.0)
    assert page.uncertain(1) != [piece(page, AMBIGUOUS)]


def test_training_writes_the_committed_fixture_model_byte_for_byte(tmp_path, capsys):
    out = tmp_path / "model.json"
    train_main([str(PAGES), "--out", str(out)])

    assert out.read_bytes() == (PAGES / "model.json").read_bytes(), (
        "the parser's rules changed: retrain the fixture model with "
        "`python bench/train_confidence.py tests/parser/confidence_pages --out tests/parser/confidence_pages/model.json`"
    )
    assert "5 pages, 44 decisions" in capsys.readouterr().out


def test_training_examples_are_the_confidence_benchs_errors():
    pages = list(folder_pages(PAGES))
    examples, _ = examples_of(pages)
    scored = [s for name, text, gold in pages
              for s in score_page(name, text, gold, page=parse_page(text, confidence_model=None))]

    assert [right for _, right in examples] == [not s.error for s in scored]
    assert 0 < sum(not right for _, right in examples) < len(examples)


def test_a_model_trained_on_pages_flags_their_errors_first():
    data = __import__("json").loads((PAGES / "model.json").read_text(encoding="utf-8"))
    model = ConfidenceModel.from_dict(data)
    examples, _ = examples_of(folder_pages(PAGES))
    ranked = sorted(examples, key=lambda e: model.probability(e[0]))
    errors = sum(not right for _, right in examples)

    assert all(not right for _, right in ranked[:errors])


def test_a_reason_the_model_never_saw_still_gets_a_confidence_from_the_rest():
    model = committed_model()
    page = parse_page(PAGE, confidence_model=None)
    for d in page.decisions:
        d.why = d.why + "(新规则)"
    confidence.apply(page, PAGE, model)

    assert all(0.0 < d.confidence < 1.0 for d in page.decisions)
    assert piece(page, CLEAR).confidence > piece(page, AMBIGUOUS).confidence


def test_a_piece_unlike_anything_the_model_learnt_from_is_less_certain():
    model = committed_model()
    page = parse_page(PAGE, confidence_model=None)
    seen = confidence.features_of(page, PAGE)[page.decisions.index(piece(page, CLEAR))]
    unseen = seen[:-1] + ["why:(新规则)|body"]

    assert model.unseen_penalty > 0
    assert model.probability(unseen) < model.probability(seen[:-1])


def test_a_model_file_without_an_unseen_penalty_charges_none():
    data = {"feature_version": confidence.FEATURE_VERSION, "bias": 1.0, "weights": {"label:body": 0.5}}
    model = ConfidenceModel.from_dict(data)

    assert model.unseen_penalty == 0.0
    assert model.probability(["label:body", "never:seen"]) == model.probability(["label:body"])


def test_without_a_model_file_the_rules_confidence_stands(no_model_file):
    page, rules = parse_page(PAGE), parse_page(PAGE, confidence_model=None)

    assert committed_model() is None
    assert [d.confidence for d in page.decisions] == [d.confidence for d in rules.decisions]


def test_a_model_of_another_feature_version_is_not_used():
    assert ConfidenceModel.from_dict({"feature_version": -1, "bias": 0.0, "weights": {}}) is None
    assert ConfidenceModel.from_dict({"feature_version": confidence.FEATURE_VERSION, "bias": "x"}) is None
    assert ConfidenceModel.from_dict([]) is None
