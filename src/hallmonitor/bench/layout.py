"""The scale hall's floor plan: departments, 100 windows in 5 zones, 379 staff and 300 items.

Plain data derived from fixed rules, so that the rows written for the import
files (``rows``) and the figures that look things up again agree without
reading the database. The shape follows a busy city hall: a zone of combined
windows run by the center (with its complaints and policy windows), four zones
of department windows, two formal officers and an auxiliary clerk per window,
a pool of auxiliary relief staff, and back-office approvers who never sit at a
window (their approvals are what 前店后厂 is about).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from hallmonitor.domain.enums import CaseType, ItemCategory, StaffCategory, WindowKind

CENTER = "政务服务中心"
#: (name, abbreviation used in 工号 and item codes, department windows, items, back-office approvers)
DEPARTMENTS: tuple[tuple[str, str, int, int, int], ...] = (
    ("市场监管局", "SJ", 12, 40, 2),
    ("税务局", "SW", 10, 34, 2),
    ("公安局", "GA", 10, 32, 2),
    ("人社局", "RS", 8, 30, 1),
    ("医保局", "YB", 8, 24, 1),
    ("自然资源和规划局", "ZR", 12, 36, 2),
    ("住建局", "ZJ", 8, 34, 2),
    ("交通运输局", "JT", 6, 26, 1),
    ("公积金中心", "GJ", 6, 24, 1),
    (CENTER, "ZX", 0, 20, 0),
)
ZONES = ("A", "B", "C", "D", "E")
ZONE_COLUMNS = 5
#: Zone A: 16 combined windows, 2 for complaints, 2 for policy payouts; B to E: department windows.
COMBINED_WINDOWS, COMPLAINT_WINDOWS, POLICY_WINDOWS = 16, 2, 2
RELIEF_STAFF = 65

_FORMAL = (StaffCategory.CIVIL_SERVANT,) * 6 + (
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED,
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED,
    StaffCategory.PUBLIC_INSTITUTION,
    StaffCategory.PUBLIC_INSTITUTION,
)
_AUXILIARY = (
    (StaffCategory.LABOUR_DISPATCH,) * 5
    + (StaffCategory.CONTRACT_OUTSIDE_QUOTA,) * 3
    + (
        StaffCategory.THIRD_PARTY,
        StaffCategory.TEMPORARY,
    )
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文斌宇浩凯婷雪琳晨欣怡佳子梓涵轩博俊嘉思雨晓宁海波峰亮飞鑫丹倩颖慧瑶璐睿泽铭晗航志国庆春兰云德荣昊然若彤诗琪梦瑞祥永成林振东"

#: What each department's items are about, and what is done to them.
_SUBJECTS = {
    "SJ": (
        "有限责任公司",
        "个体工商户",
        "食品经营许可",
        "药品经营许可",
        "特种设备使用登记",
        "广告发布登记",
        "农民专业合作社",
        "计量器具检定",
    ),
    "SW": ("税务登记", "发票领用", "增值税申报", "个人所得税汇算", "出口退税", "税收优惠备案", "完税证明"),
    "GA": ("公章刻制", "户口迁移", "居民身份证", "出入境证件", "机动车登记", "驾驶证", "居住证"),
    "RS": ("社会保险参保", "养老保险关系转移", "失业登记", "职业资格证书", "就业创业证", "工伤认定"),
    "YB": ("医保参保登记", "医保关系转移", "异地就医备案", "门诊慢特病认定", "生育津贴"),
    "ZR": (
        "不动产首次登记",
        "不动产转移登记",
        "抵押权登记",
        "建设用地规划许可",
        "建设工程规划许可",
        "不动产权籍调查",
        "地名核准",
    ),
    "ZJ": (
        "施工许可",
        "商品房预售许可",
        "建筑业企业资质",
        "竣工验收备案",
        "房屋租赁登记备案",
        "物业服务备案",
        "燃气经营许可",
    ),
    "JT": ("道路运输经营许可", "网约车运输证", "超限运输许可", "货运从业资格", "出租汽车经营许可"),
    "GJ": ("公积金缴存登记", "公积金提取", "公积金贷款", "缴存基数调整", "异地转移接续"),
    "ZX": ("稳岗补贴兑现", "创业补贴兑现", "科技项目奖励兑现", "人才安居补贴", "企业开办综合服务"),
}
_ACTIONS = ("设立", "变更", "注销", "延续", "补办", "查询", "备案", "核准")
_CATEGORY = {
    "SJ": ItemCategory.BUSINESS_LICENCE,
    "SW": ItemCategory.TAX,
    "GA": ItemCategory.SEAL_ENGRAVING,
    "ZR": ItemCategory.REAL_ESTATE,
    "ZJ": ItemCategory.CONSTRUCTION_PROJECT,
    "ZX": ItemCategory.POLICY_PAYOUT,
}


@dataclass(frozen=True)
class PlannedStaff:
    number: str
    name: str
    department: str
    category: StaffCategory


@dataclass(frozen=True)
class PlannedItem:
    code: str
    name: str
    department: str
    category: ItemCategory
    case_type: CaseType
    promised_days: int
    legal_days: int
    admitted: bool
    window_may_approve: bool


@dataclass(frozen=True)
class PlannedWindow:
    number: str
    name: str
    department: str
    kind: WindowKind
    zone: str
    row: int
    col: int
    #: Two formal officers who take the window's sessions in turn, and its auxiliary clerk.
    formal: tuple[PlannedStaff, PlannedStaff]
    clerk: PlannedStaff
    #: What the window takes in, and how many cases it gets against a department window (1.0).
    items: tuple[PlannedItem, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class Layout:
    windows: tuple[PlannedWindow, ...]
    staff: tuple[PlannedStaff, ...]
    items: tuple[PlannedItem, ...]
    relief: tuple[PlannedStaff, ...]
    #: Back-office approvers by department.
    back_office: dict[str, tuple[PlannedStaff, ...]] = field(default_factory=dict)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _items(rng: random.Random) -> dict[str, list[PlannedItem]]:
    by_department: dict[str, list[PlannedItem]] = {}
    for name, abbr, _windows, count, _back in DEPARTMENTS:
        subjects = _SUBJECTS[abbr]
        items = []
        for k in range(count):
            subject, action = subjects[k % len(subjects)], _ACTIONS[(k // len(subjects)) % len(_ACTIONS)]
            immediate = rng.random() < 0.4
            promised = 0 if immediate else rng.choice((1, 3, 3, 5, 5, 7, 10, 15, 20))
            items.append(
                PlannedItem(
                    code=f"{abbr}{k + 1:03d}",
                    name=f"{subject}{action}",
                    department=name,
                    category=_CATEGORY.get(abbr, ItemCategory.OTHER),
                    case_type=CaseType.IMMEDIATE if immediate else CaseType.PROMISED,
                    promised_days=promised,
                    legal_days=0 if immediate else promised * rng.choice((2, 3, 4)),
                    admitted=rng.random() < 0.97,
                    window_may_approve=rng.random() < 0.97,
                )
            )
        by_department[name] = items
    return by_department


def plan_layout(seed: int = 14) -> Layout:
    """The hall; the same ``seed`` gives the same hall."""
    rng = random.Random(seed)
    items = _items(rng)
    staff: list[PlannedStaff] = []
    serial: dict[str, int] = {}

    def hire(department: str, abbr: str, formal: bool) -> PlannedStaff:
        serial[abbr] = serial.get(abbr, 0) + 1
        person = PlannedStaff(
            f"{abbr}{serial[abbr]:04d}", _name(rng), department, rng.choice(_FORMAL if formal else _AUXILIARY)
        )
        staff.append(person)
        return person

    desks: list[tuple[str, str, WindowKind, tuple[PlannedItem, ...], float]] = []
    every_item = tuple(i for name, *_ in DEPARTMENTS if name != CENTER for i in items[name])
    desks += [(CENTER, "ZX", WindowKind.COMBINED, every_item, 1.6)] * COMBINED_WINDOWS
    desks += [(CENTER, "ZX", WindowKind.COMPLAINTS, (), 0.0)] * COMPLAINT_WINDOWS
    desks += [(CENTER, "ZX", WindowKind.POLICY_PAYOUT, tuple(items[CENTER]), 0.6)] * POLICY_WINDOWS
    for name, abbr, count, _items_count, _back in DEPARTMENTS:
        desks += [(name, abbr, WindowKind.DEPARTMENT, tuple(items[name]), 1.0)] * count
    windows = []
    for index, (department, abbr, kind, takes, weight) in enumerate(desks):
        zone, place = ZONES[index // 20], index % 20
        number = f"{zone}{place + 1:02d}"
        formal = (hire(department, abbr, True), hire(department, abbr, True))
        clerk = hire(department, abbr, False)
        label = {WindowKind.COMPLAINTS: "办不成事反映", WindowKind.POLICY_PAYOUT: "政策兑现"}.get(kind)
        windows.append(
            PlannedWindow(
                number,
                f"{label or department.removesuffix('局')}{number}号窗口",
                department,
                kind,
                f"{zone}区",
                place // ZONE_COLUMNS,
                place % ZONE_COLUMNS,
                formal,
                clerk,
                takes,
                weight,
            )
        )
    relief = tuple(hire(CENTER, "ZX", False) for _ in range(RELIEF_STAFF))
    back_office = {
        name: tuple(hire(name, abbr, True) for _ in range(back))
        for name, abbr, _w, _i, back in DEPARTMENTS
        if back
    }
    every = tuple(i for name, *_ in DEPARTMENTS for i in items[name])
    return Layout(tuple(windows), tuple(staff), every, relief, back_office)
