"""An editor's corrections applied inside the parse (docs/PARSE_DECISIONS.md): for each kind, a page
written in the trade's forms on which the rules go wrong, and the corrected parse that gets it right.
Each test first shows the rules' mistake, so none passes without the correction doing its work."""

from articles.parser import Correction, Label, parse_page

TEXT_A = "春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引两万余名求职者到场。"
TEXT_B = "人社部门提前摸清企业用工需求，把岗位信息送到村里，送到求职者手中，今年已有三千余人找到工作。"
TEXT_D = "全区招聘会下周走进社区，岗位信息提前在社区公布，求职者可带简历到场，与企业当面洽谈。"
TEXT_C = "全市计划为一百个老旧小区加装电梯，目前已开工六十个，居民上下楼难的问题正逐步得到解决。"


def piece(page, text):
    found = [d for d in page.decisions if d.text == text]
    assert len(found) == 1, [d.text for d in page.decisions]
    return found[0]


def corrected(text, *marks):
    """Parse, then parse again with each (piece text, label, story) correction, as the desk does."""
    first = parse_page(text)
    corrections = [Correction(piece(first, t).key, label=label, story=story) for t, label, story in marks]
    return first, parse_page(text, corrections)


def credits(article):
    return [(c.name, c.role) for c in article.bylines]


def photos(article):
    return [(p.caption, p.credit) for p in article.photos]


def test_byline_the_rules_took_for_a_subhead():
    text = f"# 春风行动送岗位到家门口\n\n本报评论员 张 三\n\n{TEXT_A}\n\n{TEXT_B}\n"
    rules, page = corrected(text, ("本报评论员 张 三", Label.BYLINE, None))

    assert rules.articles[0].subheads == ["本报评论员 张 三"] and not rules.articles[0].bylines
    (article,) = page.articles
    assert credits(article) == [("张三", "reporter")]
    assert article.subheads == []
    assert article.body == TEXT_A + "\n\n" + TEXT_B
    d = piece(page, "本报评论员 张 三")
    assert (d.label, d.story, d.confidence, d.why) == (Label.BYLINE, 0, 1.0, "编辑已更正")


def test_byline_no_rule_can_read_is_one_reporter_named_by_the_whole_line():
    text = f"# 春风行动送岗位到家门口\n\n{TEXT_A}\n\n晓 风\n\n{TEXT_B}\n"
    rules, page = corrected(text, ("晓 风", Label.BYLINE, None))

    assert "晓 风" in rules.articles[0].body  # a padded name alone: a signature the rules keep as text
    (article,) = page.articles
    assert credits(article) == [("晓风", "reporter")]
    assert "晓" not in article.body and article.subheads == []


def test_caption_and_photo_credit_the_rules_took_for_a_new_story():
    text = (
        f"# 古村落焕发新活力\n\n本报讯 古村文化节昨日开幕，吸引大批游客前来参观，老宅、祠堂和古井都向游客开放。\n\n"
        f"游客在古村老宅前拍照留念\n\n钱多多 摄影报道\n\n文化节将持续三天，期间还将举办非遗展演、民俗巡游等活动。\n"
    )
    rules, page = corrected(
        text, ("游客在古村老宅前拍照留念", Label.CAPTION, None), ("钱多多 摄影报道", Label.PHOTO_CREDIT, None)
    )

    assert len(rules.articles) == 2
    (article,) = page.articles
    assert photos(article) == [("游客在古村老宅前拍照留念", "钱多多")]
    assert credits(article) == [("钱多多", "photographer")]
    assert article.body == "古村文化节昨日开幕，吸引大批游客前来参观，老宅、祠堂和古井都向游客开放。\n\n" \
        "文化节将持续三天，期间还将举办非遗展演、民俗巡游等活动。"
    assert [(d.label, d.story) for d in page.decisions[2:4]] == [(Label.CAPTION, 0), (Label.PHOTO_CREDIT, 0)]


def test_photo_credit_the_rules_took_for_a_subhead_has_no_second_photo_mark():
    text = (
        f"# 古村落焕发新活力\n\n本报讯 {TEXT_A}\n\n\n\n游客在古村老宅前拍照留念。\n\n钱多多 摄影报道\n\n{TEXT_B}\n"
    )
    rules, page = corrected(text, ("钱多多 摄影报道", Label.PHOTO_CREDIT, None))

    assert rules.articles[0].subheads == ["钱多多 摄影报道"]
    assert photos(rules.articles[0]) == [("游客在古村老宅前拍照留念。", None)]
    (article,) = page.articles
    assert photos(article) == [("游客在古村老宅前拍照留念。", "钱多多")]
    assert credits(article) == [("钱多多", "photographer")]
    assert article.subheads == [] and "钱多多" not in article.body
    d = piece(page, "钱多多 摄影报道")
    assert (d.label, d.story) == (Label.PHOTO_CREDIT, 0)


def test_paragraphs_that_are_captions():
    text = (
        f"# 老旧小区加装电梯提速\n\n本报讯 {TEXT_C}\n\n居民乘坐新装的电梯上楼。\n\n"
        f"工人在小区内安装电梯井架。\n\n{TEXT_B}\n"
    )
    rules, page = corrected(
        text, ("居民乘坐新装的电梯上楼。", Label.CAPTION, None), ("工人在小区内安装电梯井架。", Label.CAPTION, None)
    )

    assert "居民乘坐新装的电梯上楼" in rules.articles[0].body
    (article,) = page.articles
    assert photos(article) == [("居民乘坐新装的电梯上楼。", None), ("工人在小区内安装电梯井架。", None)]
    assert article.body == TEXT_C + "\n\n" + TEXT_B


def test_subhead_the_rules_left_in_the_body():
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n把岗位送到家门口！\n\n{TEXT_B}\n"
    rules, page = corrected(text, ("把岗位送到家门口！", Label.SUBHEAD, None))

    assert rules.articles[0].subheads == []
    (article,) = page.articles
    assert article.subheads == ["把岗位送到家门口！"]
    assert article.body == f"{TEXT_A}\n\n## 把岗位送到家门口！\n\n{TEXT_B}"


def test_body_line_the_rules_took_for_a_subhead():
    """A short closing exclamation printed without its mark."""
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n{TEXT_B}\n\n好日子还在后头\n"
    rules, page = corrected(text, ("好日子还在后头", Label.BODY, None))

    assert rules.articles[0].subheads == ["好日子还在后头"]
    (article,) = page.articles
    assert article.subheads == []
    assert article.body.endswith(TEXT_B + "\n\n好日子还在后头")


def test_title_the_rules_took_for_a_subhead_starts_a_story():
    # the text under the line goes on with the words of the story above, so the rules keep it a subhead
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n招聘会下周进社区\n\n{TEXT_D}\n"
    rules, page = corrected(text, ("招聘会下周进社区", Label.TITLE, None))

    assert len(rules.articles) == 1 and rules.articles[0].subheads == ["招聘会下周进社区"]
    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "招聘会下周进社区"]
    assert page.articles[0].body == TEXT_A
    assert page.articles[1].body == TEXT_D
    d = piece(page, "招聘会下周进社区")
    assert (d.label, d.story, d.starts_story) == (Label.TITLE, 1, True)
    assert piece(page, TEXT_D).story == 1


def test_kicker_the_rules_took_for_the_title():
    text = f"稳就业 促发展\n\n春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n"
    rules, page = corrected(text, ("稳就业 促发展", Label.KICKER, None))

    assert (rules.articles[0].kicker, rules.articles[0].title) == (None, "稳就业 促发展")
    (article,) = page.articles
    assert (article.kicker, article.title, article.subtitle) == ("稳就业 促发展", "春风行动送岗位到家门口", None)
    assert piece(page, "春风行动送岗位到家门口").label == Label.TITLE


def test_subtitle_the_rules_took_for_the_title_under_a_kicker():
    text = f"## 春风行动送岗位到家门口\n\n### 全区举办招聘会十二场\n\n本报讯 {TEXT_A}\n"
    rules, page = corrected(text, ("### 全区举办招聘会十二场", Label.SUBTITLE, None))

    assert (rules.articles[0].kicker, rules.articles[0].title) == ("春风行动送岗位到家门口", "全区举办招聘会十二场")
    (article,) = page.articles
    assert (article.kicker, article.title, article.subtitle) == (None, "春风行动送岗位到家门口", "全区举办招聘会十二场")


def test_staff_line_the_staff_reader_does_not_know():
    text = f"文案指导:王小明 出品:李大同\n\n# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n"
    rules, page = corrected(text, ("文案指导:王小明 出品:李大同", Label.STAFF, None))

    assert rules.masthead == []
    assert [(s.name, s.role) for s in page.masthead] == [("王小明", "文案指导"), ("李大同", "出品")]
    (article,) = page.articles
    assert article.title == "春风行动送岗位到家门口" and "王小明" not in article.body
    assert piece(page, "文案指导:王小明 出品:李大同").story is None


def test_a_section_name_above_the_stories_corrected_to_furniture_is_not_a_story():
    text = f"城事·民生\n\n# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n"
    rules, page = corrected(text, ("城事·民生", Label.FURNITURE, None))

    assert len(rules.articles) == 2
    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口"]
    assert page.furniture == ["城事·民生"]
    assert "城事·民生" in page.dropped


def test_noise_is_dropped_from_the_body():
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n▲▲▲\n\n{TEXT_B}\n"
    rules, page = corrected(text, ("▲▲▲", Label.NOISE, None))

    assert "▲▲▲" in rules.articles[0].body + "".join(rules.articles[0].subheads)
    (article,) = page.articles
    assert article.body == TEXT_A + "\n\n" + TEXT_B
    assert "▲▲▲" in page.dropped


def test_start_splits_a_story_at_a_headline_the_rules_kept_as_a_subhead():
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n招聘会下周进社区\n\n{TEXT_D}\n"
    rules, page = corrected(text, ("招聘会下周进社区", None, "start"))

    assert len(rules.articles) == 1
    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "招聘会下周进社区"]
    assert page.articles[1].body == TEXT_D and page.articles[0].subheads == []


def test_start_on_a_paragraph_opens_an_untitled_story():
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n{TEXT_C}\n"
    rules, page = corrected(text, (TEXT_C, None, "start"))

    assert len(rules.articles) == 1
    assert [(a.title, a.body) for a in page.articles] == [("春风行动送岗位到家门口", TEXT_A), ("", TEXT_C)]
    assert piece(page, TEXT_C).starts_story


def test_join_keeps_a_long_subhead_in_the_story_above():
    subhead = "人社部门摸清企业用工需求 把岗位信息送到村里送到求职者手中"  # read as a headline in two parts
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n{subhead}\n\n{TEXT_B}\n"
    rules, page = corrected(text, (subhead, None, "join"))

    assert [a.title for a in rules.articles] == ["春风行动送岗位到家门口", subhead]
    (article,) = page.articles
    assert article.subheads == [subhead]
    assert article.body == f"{TEXT_A}\n\n## {subhead}\n\n{TEXT_B}"
    assert piece(page, TEXT_B).story == 0


def test_join_keeps_the_rest_of_the_joined_headline_group_in_the_story_too():
    # two short lines read as the next story's headline (the text under them shares no words with the
    # story above); joined to the story, both are its subheads, though the second alone would split off
    text = f"春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n服务送到家门口\n\n老人不用跑腿\n\n{TEXT_C}\n"
    rules, page = corrected(text, ("服务送到家门口", None, "join"))

    assert [a.title for a in rules.articles] == ["春风行动送岗位到家门口", "服务送到家门口"]
    (article,) = page.articles
    assert article.subheads == ["服务送到家门口", "老人不用跑腿"]
    assert piece(page, TEXT_C).story == 0


def test_join_keeps_a_second_dateline_under_a_subhead_in_the_same_story():
    text = f"# 两会速递\n\n本报讯 {TEXT_A}\n\n就业服务\n\n本报讯 {TEXT_B}\n"
    rules, page = corrected(text, ("就业服务", None, "join"))

    assert [a.title for a in rules.articles] == ["两会速递", "就业服务"]
    (article,) = page.articles
    assert (article.title, article.subheads, article.dateline) == ("两会速递", ["就业服务"], "本报讯")
    assert article.body == f"{TEXT_A}\n\n## 就业服务\n\n{TEXT_B}"
    assert [d.story for d in page.decisions] == [0, 0, 0, 0]


def test_corrections_are_kept_when_the_page_comes_in_again_with_other_changes():
    text = f"# 春风行动送岗位到家门口\n\n本报评论员 张 三\n\n{TEXT_A}\n\n{TEXT_B}\n"
    first = parse_page(text)
    fix = [Correction(piece(first, "本报评论员 张 三").key, label=Label.BYLINE)]
    again = parse_page(text.replace("十二场", "十三场").replace("张 三", "张  三"), fix)

    assert credits(again.articles[0]) == [("张三", "reporter")]
    assert again.articles[0].subheads == []


def test_join_on_a_second_lead_keeps_the_rules_from_splitting_at_the_subhead_above_it():
    text = f"# 两会速递\n\n本报讯 {TEXT_A}\n\n就业服务\n\n{TEXT_C}\n\n本报讯 {TEXT_B}\n"
    rules, page = corrected(text, (f"本报讯 {TEXT_B}", None, "join"))

    assert [a.title for a in rules.articles] == ["两会速递", "就业服务"]
    (article,) = page.articles
    assert article.subheads == ["就业服务"]
    assert article.body == f"{TEXT_A}\n\n## 就业服务\n\n{TEXT_C}\n\n{TEXT_B}"
    assert piece(page, "就业服务").label == Label.SUBHEAD


def test_a_correction_of_a_staff_line_back_to_text_puts_it_in_the_story():
    text = f"# 春风行动送岗位到家门口\n\n本报讯 {TEXT_A}\n\n编辑 王小明\n"
    rules, page = corrected(text, ("编辑 王小明", Label.BYLINE, None))

    assert [(s.name, s.role) for s in rules.masthead] == [("王小明", "编辑")]
    assert page.masthead == []
    assert credits(page.articles[0]) == [("王小明", "reporter")]
    assert piece(page, "编辑 王小明").story == 0
