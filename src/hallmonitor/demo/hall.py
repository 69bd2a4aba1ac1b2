"""The demo hall itself: its departments and its windows, who runs them and where they sit.

This is the floor plan every other part of the demo refers to: the roster
staffs these windows, cases are taken in at them by the desks they list, and
the planted violations name them by number (``DemoSummary.notes``). Plain data,
kept apart from the generator so the layout can be read and adjusted on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from hallmonitor.domain.enums import WindowKind

HALL_CODE = "DEMO01"
HALL_NAME = "示范市政务服务大厅"
CITY = "示范市"
#: The center runs the combined, complaints and policy windows itself.
CENTER = "政务服务中心"

#: (name, abbreviation used in 工号 and item codes)
DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("市场监管局", "SJ"),
    ("公安局", "GA"),
    ("税务局", "SW"),
    ("人民银行", "RH"),
    ("人社局", "RS"),
    ("自然资源和规划局（不动产登记中心）", "ZR"),
    ("住建局", "ZJ"),
    ("发改委", "FG"),
    ("卫健委", "WJ"),
    ("民政局", "MZ"),
    ("医保局", "YB"),
    ("公积金中心", "GJ"),
    ("交通运输局", "JT"),
    (CENTER, "ZX"),
)
#: Department names by the abbreviation used in 工号 and item codes.
DEPARTMENT_BY_ABBR = {abbr: name for name, abbr in DEPARTMENTS}
_D = DEPARTMENT_BY_ABBR


@dataclass(frozen=True)
class WindowSpec:
    number: str
    name: str
    department: str
    kind: WindowKind
    zone: str
    row: int
    col: int
    #: Which groups of items (desks) the window takes in.
    desks: tuple[str, ...]
    in_service: bool = True
    formal: int = 2
    auxiliary: int = 2


_DEPT = WindowKind.DEPARTMENT
_COMB = WindowKind.COMBINED
ZONE_A = "A区 企业开办"
ZONE_B = "B区 不动产登记"
ZONE_C = "C区 工程建设项目"
ZONE_D = "D区 社会事务"

WINDOWS: tuple[WindowSpec, ...] = (
    WindowSpec("A01", "企业开办综合窗口", CENTER, _COMB, ZONE_A, 0, 0, ("licence", "seal", "bank", "tax")),
    WindowSpec("A02", "企业开办综合窗口", CENTER, _COMB, ZONE_A, 0, 1, ("licence", "seal", "bank", "tax")),
    WindowSpec("A03", "企业登记", _D["SJ"], _DEPT, ZONE_A, 0, 2, ("licence",)),
    WindowSpec("A04", "企业登记", _D["SJ"], _DEPT, ZONE_A, 0, 3, ("licence",)),
    WindowSpec("A05", "食品药品许可", _D["SJ"], _DEPT, ZONE_A, 0, 4, ("food_drug",)),
    WindowSpec("A06", "公章刻制备案", _D["GA"], _DEPT, ZONE_A, 1, 0, ("seal",)),
    WindowSpec("A07", "新办纳税人", _D["SW"], _DEPT, ZONE_A, 1, 1, ("tax",)),
    WindowSpec("A08", "发票业务", _D["SW"], _DEPT, ZONE_A, 1, 2, ("tax",)),
    WindowSpec("A09", "银行开户服务", _D["RH"], _DEPT, ZONE_A, 1, 3, ("bank",), formal=1, auxiliary=1),
    WindowSpec("A10", "综合涉税", _D["SW"], _DEPT, ZONE_A, 1, 4, ("tax",), in_service=False),
    WindowSpec(
        "B01", "不动产一窗受理", _D["ZR"], _COMB, ZONE_B, 0, 0, ("realty", "realty_tax", "realty_trade")
    ),
    WindowSpec("B02", "不动产登记", _D["ZR"], _DEPT, ZONE_B, 0, 1, ("realty",)),
    WindowSpec("B03", "不动产登记", _D["ZR"], _DEPT, ZONE_B, 0, 2, ("realty",)),
    WindowSpec("B04", "不动产登记", _D["ZR"], _DEPT, ZONE_B, 0, 3, ("realty",)),
    WindowSpec("B05", "不动产抵押登记", _D["ZR"], _DEPT, ZONE_B, 0, 4, ("realty",)),
    WindowSpec("B06", "不动产交易税费", _D["SW"], _DEPT, ZONE_B, 1, 0, ("realty_tax",)),
    WindowSpec("B07", "房产交易备案", _D["ZJ"], _DEPT, ZONE_B, 1, 1, ("realty_trade",)),
    WindowSpec("B08", "公积金提取", _D["GJ"], _DEPT, ZONE_B, 1, 2, ("fund",)),
    WindowSpec("B09", "公积金贷款", _D["GJ"], _DEPT, ZONE_B, 1, 3, ("fund",)),
    WindowSpec("B10", "不动产查询", _D["ZR"], _DEPT, ZONE_B, 1, 4, ("realty_query",), formal=1, auxiliary=1),
    WindowSpec(
        "C01",
        "工程建设项目综合窗口",
        CENTER,
        _COMB,
        ZONE_C,
        0,
        0,
        ("project_fgw", "project_plan", "project_permit", "fire"),
    ),
    WindowSpec("C02", "项目立项", _D["FG"], _DEPT, ZONE_C, 0, 1, ("project_fgw",)),
    WindowSpec("C03", "规划许可", _D["ZR"], _DEPT, ZONE_C, 0, 2, ("project_plan",)),
    WindowSpec("C04", "施工许可", _D["ZJ"], _DEPT, ZONE_C, 0, 3, ("project_permit",)),
    WindowSpec("C05", "建设工程消防", _D["ZJ"], _DEPT, ZONE_C, 0, 4, ("fire",)),
    WindowSpec("C06", "道路运输许可", _D["JT"], _DEPT, ZONE_C, 1, 0, ("transport",)),
    WindowSpec(
        "C07", "出租汽车与网约车", _D["JT"], _DEPT, ZONE_C, 1, 1, ("transport",), formal=1, auxiliary=1
    ),
    WindowSpec("C08", "医疗机构许可", _D["WJ"], _DEPT, ZONE_C, 1, 2, ("health",)),
    WindowSpec("C09", "公共卫生许可", _D["WJ"], _DEPT, ZONE_C, 1, 3, ("health",), auxiliary=1),
    WindowSpec("C10", "交通综合", _D["JT"], _DEPT, ZONE_C, 1, 4, ("transport",), in_service=False),
    WindowSpec(
        "D01",
        "社会事务综合窗口",
        CENTER,
        _COMB,
        ZONE_D,
        0,
        0,
        ("social_security", "employment", "medical", "civil"),
    ),
    WindowSpec("D02", "社会保险", _D["RS"], _DEPT, ZONE_D, 0, 1, ("social_security",)),
    WindowSpec("D03", "就业创业", _D["RS"], _DEPT, ZONE_D, 0, 2, ("employment",)),
    WindowSpec("D04", "医保经办", _D["YB"], _DEPT, ZONE_D, 0, 3, ("medical",)),
    WindowSpec("D05", "医保经办", _D["YB"], _DEPT, ZONE_D, 0, 4, ("medical",)),
    WindowSpec("D06", "户籍出入境", _D["GA"], _DEPT, ZONE_D, 1, 0, ("police",)),
    WindowSpec("D07", "社会组织与救助", _D["MZ"], _DEPT, ZONE_D, 1, 1, ("civil",), formal=1, auxiliary=1),
    WindowSpec("D08", "办不成事反映窗口", CENTER, WindowKind.COMPLAINTS, ZONE_D, 1, 2, (), auxiliary=1),
    WindowSpec(
        "D09", "政策兑现窗口", CENTER, WindowKind.POLICY_PAYOUT, ZONE_D, 1, 3, ("policy",), auxiliary=1
    ),
    WindowSpec("D10", "劳动保障", _D["RS"], _DEPT, ZONE_D, 1, 4, ("employment",), in_service=False),
)

WINDOW_BY_NUMBER = {w.number: w for w in WINDOWS}
