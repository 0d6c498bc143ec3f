"""The learnt labeller (articles/parser/labeller.py): it overrides the rules only where its probability
clears its threshold, says why in Chinese, never overrides an editor or the house style, is trained
reproducibly, and a missing or unreadable model file leaves the rules alone."""

import json
import math
from pathlib import Path

import pytest

from articles.parser import Correction, Label, parse_page
from articles.parser import labeller
from articles.parser.blocks import normalise
from articles.parser.confidence import features_of
from articles.parser.decisions import CORRECTED
from articles.parser.labeller import LabellerModel, Logistic, committed_model
from bench.train_labeller import main as train_main

PAGES = Path(__file__).parent / "confidence_pages"  # five placeholder pages with gold

SUBHEAD = "社区食堂开到家门口"
LAST = "下一步，街道还将在另外两个社区开设食堂，让更多老人吃上热乎饭。"
PAGE = (
    "# 老旧小区里的新变化\n\n"
    "本报讯 记者 林晓 今年以来，城区对二十个老旧小区进行改造，加装电梯、整修道路、增设停车位，"
    "居民的日子越过越舒心。\n\n"
    f"## {SUBHEAD}\n\n"
    "社区利用闲置用房开设食堂，为辖区老人提供午餐和晚餐，每餐荤素搭配，价格实惠。\n\n"
    f"{LAST}\n"
)
OFF = 2.0


def model(label_threshold=0.8, story_threshold=OFF, story=Logistic(-10.0, {})):
    """A model that reads every piece the rules call a subhead as text, P = 1/(1+e^-2) ≈ 0.881."""
    return LabellerModel({Label.BODY: Logistic(-10.0, {"label:subhead": 12.0})}, story,
                         label_threshold, story_threshold)


def as_file(m: LabellerModel) -> dict:
    part = lambda x: {"bias": x.bias, "weights": x.weights}  # noqa: E731
    return {"feature_version": labeller.FEATURE_VERSION, "labels": {k: part(v) for k, v in m.labels.items()},
            "story": part(m.story), "thresholds": {"label": m.label_threshold, "story": m.story_threshold}}


def piece(page, start):
    return next(d for d in page.decisions if d.text.lstrip("# ").startswith(start))


def readings(page):
    return [(d.key, d.label, d.story, d.starts_story, d.why) for d in page.decisions]


@pytest.fixture
def model_file(tmp_path, monkeypatch):
    path = tmp_path / "labeller_model.json"
    monkeypatch.setattr(labeller, "MODEL_FILE", path)
    committed_model.cache_clear()
    yield path
    committed_model.cache_clear()


def test_the_model_overrides_a_rule_above_its_threshold_and_says_why():
    rules = parse_page(PAGE, labeller_model=None)
    page = parse_page(PAGE, labeller_model=model(0.8), confidence_model=None)

    assert piece(rules, SUBHEAD).label == Label.SUBHEAD and rules.articles[0].subheads == [SUBHEAD]
    d = piece(page, SUBHEAD)
    assert (d.label, d.why) == (Label.BODY, "模型判断：是正文(规则读作小标题)")
    assert d.confidence == round(1 / (1 + math.exp(-2.0)), 3)
    assert page.articles[0].subheads == [] and SUBHEAD in page.articles[0].body


def test_below_its_threshold_the_rules_stand():
    rules = parse_page(PAGE, labeller_model=None)
    page = parse_page(PAGE, labeller_model=model(0.9))

    assert readings(page) == readings(rules)
    assert not any(d.why.startswith(labeller.MODEL_WHY) for d in page.decisions)


def test_a_story_opening_the_model_is_sure_of_is_proposed():
    opens_last = Logistic(-10.0, {"last|body": 20.0})  # the story's last paragraph opens another
    rules = parse_page(PAGE, labeller_model=None)
    page = parse_page(PAGE, labeller_model=model(OFF, 0.9, opens_last))

    assert len(rules.articles) == 1
    d = piece(page, LAST)
    assert d.starts_story and d.story != piece(page, SUBHEAD).story
    assert d.why == "模型判断：另起一篇(规则接上文)"
    assert len(page.articles) == 2


def test_an_editors_correction_wins_over_the_model():
    key = piece(parse_page(PAGE, labeller_model=None), SUBHEAD).key
    page = parse_page(PAGE, [Correction(key, label=Label.SUBHEAD)], labeller_model=model(0.5))

    d = piece(page, SUBHEAD)
    assert (d.label, d.why, d.confidence) == (Label.SUBHEAD, CORRECTED, 1.0)
    assert page.articles[0].subheads == [SUBHEAD]


def test_the_house_style_wins_over_the_model():
    key = piece(parse_page(PAGE, labeller_model=None), SUBHEAD).key
    style = Correction(key, label=Label.SUBHEAD, why="本报习惯：正文中的短行是小标题")
    page = parse_page(PAGE, [style], labeller_model=model(0.5))

    d = piece(page, SUBHEAD)
    assert (d.label, d.why) == (Label.SUBHEAD, "本报习惯：正文中的短行是小标题")


def test_the_model_in_the_file_beside_the_parser_is_used(model_file):
    model_file.write_text(json.dumps(as_file(model(0.8))), encoding="utf-8")

    assert piece(parse_page(PAGE), SUBHEAD).label == Label.BODY


@pytest.mark.parametrize("content", [
    None,  # no file
    "{not json",
    "[]",
    json.dumps({**as_file(model(0.8)), "feature_version": -1}),
    json.dumps({**as_file(model(0.8)), "labels": {"头条": {"bias": 0, "weights": {}}}}),
    json.dumps({**as_file(model(0.8)), "thresholds": {"label": "高"}}),
    json.dumps({**as_file(model(0.8)), "story": None}),
])
def test_without_a_usable_model_file_the_rules_alone_read_the_page(model_file, content):
    if content is not None:
        model_file.write_text(content, encoding="utf-8")

    assert committed_model() is None
    assert readings(parse_page(PAGE)) == readings(parse_page(PAGE, labeller_model=None))


def test_a_model_with_its_thresholds_off_changes_nothing():
    off = model(OFF, OFF, Logistic(10.0, {}))

    assert not off.active
    assert readings(parse_page(PAGE, labeller_model=off)) == readings(parse_page(PAGE, labeller_model=None))


def test_training_on_the_same_pages_writes_the_same_file(tmp_path, capsys):
    first, again = tmp_path / "a.json", tmp_path / "b.json"
    train_main([str(PAGES), "--out", str(first), "--thresholds", "0.8,0.9"])
    train_main([str(PAGES), "--out", str(again), "--thresholds", "0.8,0.9"])

    assert first.read_bytes() == again.read_bytes()
    trained = LabellerModel.from_dict(json.loads(first.read_text(encoding="utf-8")))
    assert trained is not None and trained.active
    assert (trained.label_threshold, trained.story_threshold) == (0.8, 0.9)
    assert "5 pages" in capsys.readouterr().out


def test_a_proposal_names_a_piece_the_rules_read_and_no_piece_an_editor_set():
    rules = parse_page(PAGE, labeller_model=None, confidence_model=None)
    key = piece(rules, SUBHEAD).key
    feats = labeller.features(rules, features_of(rules, normalise(PAGE)))
    assert [p.correction.key for p in labeller.propose(rules, feats, model(0.5))] == [key]

    corrected = parse_page(PAGE, [Correction(key, label=Label.SUBHEAD)], labeller_model=None, confidence_model=None)
    feats = labeller.features(corrected, features_of(corrected, normalise(PAGE)))
    assert labeller.propose(corrected, feats, model(0.5)) == []
