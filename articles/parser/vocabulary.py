"""The trade's words and marks the parser recognises, gathered in one place."""

import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a personal name or a pen name: 2-4 Han characters, a middle dot for minority names
NAME = rf"[{CJK}][{CJK}·•]{{1,5}}"

# Marks that open a credit line or a related-news label: ■ 通讯员 X, □ 相关新闻, > 本报记者 X
BULLETS = "■□●○◆◇▲△▶►★☆◎※>》|"

SENTENCE_END = "。!?！？…"
CLOSERS = "”’\"'」』)）】》"
# a saying in quotation marks printed alone, with no sentence end inside its marks (“入党誓词字数不多，记住并
#不难”): a headline or a subhead; a quoted sentence of the text ends inside them (“……。”)
QUOTED_SAYING = re.compile(r"^“[^“”]+[^“”。!?！？…]”$")
# a line ending in one of these runs on into the next block
RUN_ON_END = ",，、:：;；(（“‘《【—-·"
# a block starting with one of these continues the one before it
CONTINUATION_START = ",，、。!?！？:：;；)）”’》】的地得了着过之们于"
# a headline does not end in a word that needs an object
DANGLING_END = "的在和与及对把被将从向为于是而并或等由以跟同让给"
SPEECH = re.compile(r"(表示|强调|指出|介绍|认为|要求|透露|坦言|说)[,，:：]")

# 电头: 本报讯, 茂名晚报讯, 本报北京2月19日电, 新华社北京3月5日电, 中新网3月5日电, 本报上海3月5日专电 …
# (one place, or several filed from: 本报伦敦、布鲁塞尔10月20日电, 新华社北京/迪拜4月28日电)
_PLACE_DATE = r"(?:[" + CJK + r"]{1,8}?(?:[、/／][" + CJK + r"]{1,8}?){0,3})?(?:\d{1,2}月\d{1,2}日)?"
NEWS_AGENCIES = ("新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "中国新闻网", "央广网")
# 晚报讯, 晨报讯: a paper that calls itself by its kind ("本报讯" in other words), naming no paper
PAPER_KINDS = ("晚报", "晨报", "早报", "快报")
DATELINE_KINDS = ("讯", "专电", "电", "消息")  # what a 电头 ends in: a text with none of them opens with none
DATELINE = re.compile(
    r"^(?P<dateline>(?:据)?(?P<source>本报|本台|新华社|中新社|" + "|".join(PAPER_KINDS) + "|[" + CJK
    + r"]{2,10}?(?:日报|晚报|早报|时报|商报|都市报|报|新闻网|新闻|网|电视台|台|社))"
    + r"(?P<where>" + _PLACE_DATE + r")(?P<kind>" + "|".join(DATELINE_KINDS) + "))"
)

# role words printed before names in a byline, longest first
ROLE_WORDS = {
    "全媒体记者": "reporter",
    "融媒体记者": "reporter",
    "本报记者": "reporter",
    "特约记者": "reporter",
    "见习记者": "reporter",
    "实习记者": "reporter",
    "摄影记者": "photographer",
    "首席记者": "reporter",
    "记者": "reporter",
    "特约通讯员": "correspondent",
    "通讯员": "correspondent",
    "实习生": "reporter",
    "撰稿": "reporter",
    "撰文": "reporter",
    "文图": "reporter",
    "文": "reporter",
    "图": "photographer",
    "摄影": "photographer",
    "摄像": "photographer",
    "摄": "photographer",
    "编译": "reporter",
    "整理": "reporter",
}
_ROLE_ALT = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
# an outlet printed before a role word: 茂名晚报记者, 茂名日报社全媒体记者, 新华社记者; and a paper that calls
# itself by its kind, as in its 电头 (晚报记者, 晨报记者: PAPER_KINDS)
_OUTLET = (r"(?:本报|" + "|".join(PAPER_KINDS) + "|[" + CJK
           + r"]{2,10}?(?:日报社|晚报社|报社|日报|晚报|早报|时报|商报|报|社|台|网|中心))")
# and where the reporter is stationed: 本报驻美国记者, 新华社驻东京记者
ROLE_TOKEN = re.compile(r"^(?P<outlet>" + _OUTLET + r")?(?:驻[" + CJK + r"]{1,6}?)?(?P<role>" + _ROLE_ALT + r")(?P<rest>.*)$")

# 机构: a credit that names an organisation rather than a person
ORG_SUFFIXES = (
    "会", "协", "局", "办", "部", "委", "院", "站", "所", "队", "组", "处", "室", "团", "厅", "校",
    "中心", "公司", "集团", "政府", "支部", "街道", "社区", "医院", "学校", "大学", "银行", "法院",
    "检察院", "宣传", "供图", "供稿", "提供",
)
# the endings of a body that signs a notice at its foot ("某某市安全生产委员会办公室"): the longer,
# surer of the organisation endings above
ISSUER_SUFFIXES = ("人民政府", "委员会", "办公室", "指挥部", "领导小组", "管理局", "有限公司", "公司", "集团", "协会",
                   "联合会", "办事处", "工作组", "事务所", "研究院", "基金会")

# 版面人员: roles printed in a page's staff box
STAFF_ROLES = (
    "值班主任", "值班编委", "值班总编", "总编辑", "副总编辑", "执行主编", "主编", "责任编辑", "责编",
    "本版编辑", "编辑", "版式设计", "版式", "美术编辑", "美编", "视觉设计", "设计", "组版", "排版",
    "图片编辑", "图编", "校对", "审读", "核对", "签发", "统筹", "策划", "监制", "制图", "主持",
    "本版摄影",
    # the proof-reading and the three reviews (三审三校) a page goes through, and the other desk roles a
    # city paper prints in its staff box
    "责任校对", "文字编辑", "版面编辑", "版面设计", "执行编辑", "首席编辑", "值班编辑", "夜班编辑", "实习编辑",
    "值班副总编辑", "值班副总编", "总值班", "值班领导", "一审", "二审", "三审", "初审", "复审", "终审", "审核",
    "审校", "编审", "美术设计", "照排", "摄影编辑",
    # the proof rounds by number, and the desk's junior and new-media roles
    "一校", "二校", "三校", "终校", "责任美编", "见习编辑", "助理编辑", "视觉编辑", "新媒体编辑", "编务",
    # who signs the page off, who sets its type, and the page's pictures credited as one
    "审签", "技术编辑", "本版图片",
)
_STAFF_ALT = "|".join(sorted(STAFF_ROLES, key=len, reverse=True))
_STAFF_PREFIXES = ("本版", "本期", "当班", "本刊")
STAFF_ROLE = re.compile(r"(?:" + "|".join(_STAFF_PREFIXES) + r")?(?:" + _STAFF_ALT + r")")
# the characters a staff role opens with: a line opening with another names no role (looked for in every line)
STAFF_START = frozenset(word[0] for word in STAFF_ROLES + _STAFF_PREFIXES)
# page furniture: hotline, e-mail, fax, address lines
FURNITURE = re.compile(
    r"^[^:：，,。]{0,14}?(?:热线|电话|邮箱|信箱|传真|邮编|地址|E-?mail|邮件|微信|微博)\s*[:：]", re.IGNORECASE
)
# an e-paper page label: "人民日报 2019年10月09日 第04版", "某某晚报 2026年03月29日 第A03版：杭州新闻"
PAGE_LABEL = re.compile(
    r"^(?P<paper>[" + CJK + r"]{2,10})?\s*\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期.\s*)?第\s*[A-Z]?\d{1,3}\s*版"
    r"(?:\s*[:：]\s*\S{1,12})?$"
)
# A page's running head or foot as OCR reads it off the page: the date with the weekday, the lunar date or
# the 版次 ("A3 2024年7月16日 星期二 要闻", "2024.7.16 星期二", "二〇二四年七月十六日 星期二"); the
# paper's registration numbers (国内统一连续出版物号 CN44-0028, 邮发代号); the paper's name over its
# Latin name ("某某晚报 MOUMOU EVENING NEWS"); the issue's page count (今日16版).
_DAY = r"(?:\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)"
_WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天]"
_PAGE_NO = r"(?:第\s*[A-Z]?\d{1,3}\s*版|[A-F]\d{1,2}(?:版)?|0\d(?:版)?)"
_RUNNING_HEAD = re.compile(
    rf"^(?=.*{_DAY})(?=.*(?:{_WEEKDAY}|农历|(?<![\d.])(?:{_PAGE_NO})(?![\d.])))[^。！？!?；;]{{0,60}}$"
)
_REGISTRATION = re.compile(r"(?:国内统一连续出版物号|国际标准连续出版物号|邮发代号|\bCN\s?\d{2}\s?-\s?\d{4}\b|\bISSN\s?\d{4}-?\d{3}[\dX])")
_PAPER_AND_LATIN = re.compile(rf"^[{CJK}]{{2,8}}(?:日报|晚报|早报|时报|商报|晨报|都市报|快报|新闻|报)\s*[A-Z][A-Z .&'-]{{4,}}$")
_PAGE_COUNT = re.compile(r"^(?:今日|本期|今天|本报今日)(?:共\s*)?\d{1,3}\s*(?:个)?版$")
# ... and, above every story only, the 版次 with the page's section name ("05 综合新闻", "要闻 A02",
# "第5版"): a headline does not open with a zero-padded or lettered page number
_PAGE_AND_SECTION = re.compile(
    rf"^(?:{_PAGE_NO}(?:\s*[{CJK}·•]{{2,8}})?|[{CJK}·•]{{2,8}}\s*{_PAGE_NO})$"
)


def is_running_head(line: str, at_top: bool = False) -> bool:
    """A line of the page's running head or foot (its date, 版次, section, registration numbers), never a
    story's; `at_top`: nothing but furniture stands above it, where a 版次 with a section name is the head."""
    line = line.strip()
    if not line or len(line) > 80 or "，" in line or "。" in line:  # no running head prints a sentence
        return False
    # each shape is looked for only where a character it needs is printed (this runs on every line)
    if ("年" in line or "." in line or "-" in line or "/" in line) and _RUNNING_HEAD.match(line):
        return True
    if ("号" in line or "CN" in line or "ISSN" in line) and _REGISTRATION.search(line):
        return True
    if _PAPER_AND_LATIN.match(line):
        return True
    return "版" in line and bool(_PAGE_COUNT.match(line)) or (at_top and bool(_PAGE_AND_SECTION.match(line)))


PAPER_NAME = re.compile(r"[" + CJK + r"]{2,6}?(?:日报|晚报|早报|晨报|时报|商报|快报|都市报|青年报|法治报|法制报|导报|周报)")
# The look-behind lets a match start only where a run of address characters starts: without it,
# each letter of a long run of letters with no "@" would start a scan to the run's end (quadratic).
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

# a caption printed apart from its credit opens with a photo label: "图为…", "图①：…", "上图：…", or with
# an arrow pointing at the picture: "▲市民在…", "△…"
PHOTO_LABEL = re.compile(rf"^(?:图\s*[①-⑳\d]+|图为|上图|下图|左图|右图|[▲△▼▽↑↓]\s*[{CJK}A-Za-z0-9“])")
# the characters a photo label opens with: a text opening with another has none (looked for in every paragraph)
PHOTO_LABEL_START = frozenset("图上下左右▲△▼▽↑↓")


def has_photo_label(text: str) -> bool:
    """The text opens with a photo label (PHOTO_LABEL); the pattern is tried only after a character it opens with."""
    return text[:1] in PHOTO_LABEL_START and PHOTO_LABEL.match(text) is not None

# 栏框标签: the label of a boxed part of a story (a summary, an editor's note, a comment box), printed
# alone like a subhead but naming the box, not a section of the story
BOX_LABELS = (
    "核心阅读", "内容提要", "阅读提示", "编者按", "编者的话", "开栏的话", "结栏的话", "写在前面", "致读者",
    "点评", "图片说明", "小贴士", "记者手记", "采访手记", "记者观察", "记者札记", "记者点评",
    "编后", "编后语", "新闻多一点",
)
# a source line: 数据来源：… / 资料来源：… / 来源：… / 据某某报
SOURCE_LINE = re.compile(rf"^(?:[{CJK}]{{0,4}}来源\s*[:：]|据[{CJK}·]{{2,16}}$)")
# a story's source printed alone as its last line: 据新华社 / 据《经济日报》 / 据央视新闻客户端 / 据新华社电;
# a story compiled from several: 综合新华社等报道 / 综合钦南发布、红星新闻
SOURCE_CREDIT = re.compile(
    rf"^(?P<how>据|综合)\s*(?P<sources>《?[{CJK}·]{{2,16}}?》?(?:[、，]《?[{CJK}·]{{2,16}}?》?){{0,4}})"
    rf"(?P<others>等)?\s*(?P<said>电|消息|报道)?$"
)
# what follows 据 in a sentence, not an outlet: 据了解, 据统计, 据报道, 据介绍 …; and a paper's own reporters
# (综合本报记者报道), whom the bylines credit
NOT_A_SOURCE = re.compile(r"记者|通讯员|^(?:了解|悉|统计|报道|介绍|称|说|估计|估算|测算|调查|分析|透露|显示|记载|传|此|实|理|查|闻|报|反映|预测|预计|推测|初步|不完全|研究|观察|数据|相关|有关|当地|知情)")
OUTLET_SUFFIXES = ("社", "报", "网", "台", "新闻", "客户端", "频道", "杂志", "周刊", "快讯")
# a signature: "——编 者", "——某某", a name padded to a column's width ("张  伟"), a name and a role in
# brackets after it ("某某（总撰稿）")
SIGNATURE = re.compile(
    rf"^(?:[—–-]{{1,2}}\s*[{CJK}·\s]{{2,8}}|[{CJK}]{{1,2}}\s+[{CJK}]{{1,2}}|[{CJK}·]{{2,5}}\s*[（(][{CJK}、]{{2,12}}[)）])$"
)
# a speaker's line over the section he wrote or said in a feature of many voices: a name (padded to
# the column's width or not) and his post in brackets ("陈凯歌（导演）", "王  雷（电视剧《某某》主演）");
# a poem's or serial's bracketed note ("母亲（外一首）", "回家（上）") is a headline's, not a post
SPEAKER = re.compile(rf"^(?P<name>[{CJK}](?:\s*[{CJK}]){{1,3}})\s*[（(](?P<post>[^()（）]{{2,30}})[)）]$")
_NOT_A_POST = re.compile(r"组诗|外[一二三四五]首|[上中下]|续|节选|连载|散文|小说|随笔|诗歌|[\d一二三四五六七八九十]+")


def is_work_note(text: str) -> bool:
    """What a poem's or serial's title carries in brackets ("外一首", "上", "组诗"), not a writer's post."""
    return _NOT_A_POST.fullmatch(text.strip()) is not None


def is_speaker_line(text: str) -> bool:
    """"陈凯歌（导演）": a name with a surname and a post in brackets, alone on its line."""
    text = text.strip()
    if not text.endswith((")", "）")):
        return False  # no post in brackets at its end, as on most lines
    match = SPEAKER.match(text)
    if match is None or is_work_note(match["post"]):
        return False
    name = re.sub(r"\s", "", match["name"])
    return name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES)


RELATED_LABELS = ("相关新闻", "相关阅读", "相关链接", "链接", "延伸阅读", "新闻链接", "背景链接", "新闻背景", "相关报道")
RELATED = re.compile(r"^[【\[]?(?:" + "|".join(RELATED_LABELS) + r")[】\]]?[:：]?$")
# the characters a related-news label opens with: a line opening with another is none (RELATED is tried on every block)
RELATED_START = frozenset("【[" + "".join(label[0] for label in RELATED_LABELS))
# a jump line: the story goes on on another page, or goes on here from one ((下转第3版), (上接第1版))
# or, in brackets, where more on the story is printed ((相关报道见第四版), (全文见第二版), (…主要篇目见第二版))
_PAGE_NUMBER = r"第?\s*[A-Z]?[\d一二三四五六七八九十]{1,3}(?:\s*[、,，和及至—-]\s*[A-Z]?[\d一二三四五六七八九十]{1,3})*\s*版"
JUMP_MARK = re.compile(
    r"^[" + BULLETS + r"\s]*(?:[(（]?\s*(?:上接|下转|紧转|接上|转下|接|转|详见|全文见|见)\s*" + _PAGE_NUMBER +
    r"(?:\s*[\u4e00-\u9fff]{0,6})?\s*[)）]?|[(（][^()（）]{0,60}?见\s*" + _PAGE_NUMBER + r"[^()（）]{0,6}[)）])$"
)


def is_jump_mark(text: str) -> bool:
    """"（下转第3版）", "（相关报道见第四版）": a jump line. Each names a page (版), which most text does not,
    so the pattern is tried only then."""
    return "版" in text and JUMP_MARK.match(text.strip()) is not None


END_MARK = re.compile(r"^[(（【\[]\s*完\s*[)）】\]]$")  # (完): the story ends here
# a note in brackets that a paper prints as a story's last line: where the writer works
# (（作者为…）, （作者系…）), where the text was first printed (（摘自…）), or the 电头 printed at the
# end ((本报…电), (新华社…电)); the story ends there, so the line is never a headline
_CLOSING_NOTE = re.compile(r"^[(（](?:作者(?:为|系|是|单位)|摘自|摘编自|选自|原载|转载自|来源[:：]).*[)）]$")
_CLOSING_DATELINE = re.compile(r"^[(（]\s*" + DATELINE.pattern[1:] + r"\s*[)）]$")
# a commentary's writer in brackets at its end, post then name: "（某某大学法学院副教授 某某某）"
BRACKETED_WRITER = re.compile(rf"^[(（](?P<post>[^()（）\s]{{2,30}})\s+(?P<name>[{CJK}]{{2,4}})[)）]$")


def is_closing_note(text: str) -> bool:
    """A bracketed note that ends a story, or a jump line: never a headline."""
    text = text.strip()
    if not text.startswith(("(", "（")) and "版" not in text:
        return False  # three shapes open with a bracket, and a jump line names a page (版): most text does neither
    return _ANY_CLOSING_NOTE.match(text) is not None


# the four shapes in one pattern (it matches where one of them does): this runs on every paragraph
_ANY_CLOSING_NOTE = re.compile("|".join(
    f"(?:{shape.pattern})" for shape in (_CLOSING_NOTE, _CLOSING_DATELINE, JUMP_MARK, BRACKETED_WRITER)
))
NOTICE_TITLE = re.compile(r"(通告|公告|通知|启事|声明|倡议书|公示|告知书|决定|告市民书|公开信|感谢信|慰问信|贺信)$")
FULL_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
PAPER_SUFFIXES = ("日报", "晚报", "早报", "时报", "商报", "都市报", "新闻", "报")

# 百家姓: the common surnames, to tell a bare name line ("周仲谋") from a short headline
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻"
    "位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐", "夏侯", "端木", "司徒")
