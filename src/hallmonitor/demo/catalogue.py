"""Catalogues for the demo hall: departments, windows, items, names and texts.

Kept apart from the generator so the story (who sits where, what a hall
handles) can be read and adjusted without wading through the date arithmetic.
Everything here is plain data; randomness lives in ``demo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from hallmonitor.domain.enums import CaseType, ItemCategory, WindowKind

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
_D = {abbr: name for name, abbr in DEPARTMENTS}


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


@dataclass(frozen=True)
class ItemSpec:
    desk: str
    department: str
    name: str
    category: ItemCategory
    case_type: CaseType
    promised_days: int
    legal_days: int
    #: Who applies: "P" persons, "E" enterprises and other organisations, "M" either.
    applicant: str = "M"


_NOW = CaseType.IMMEDIATE
_LATER = CaseType.PROMISED
_LIC = ItemCategory.BUSINESS_LICENCE
_SEAL = ItemCategory.SEAL_ENGRAVING
_BANK = ItemCategory.BANK_ACCOUNT
_TAX = ItemCategory.TAX
_RE = ItemCategory.REAL_ESTATE
_PROJ = ItemCategory.CONSTRUCTION_PROJECT
_POL = ItemCategory.POLICY_PAYOUT
_OTH = ItemCategory.OTHER

#: Item names the generator uses on purpose: bundles and the showcase cases.
LICENCE_SETUP = "有限责任公司设立登记"
SEAL_SETUP = "企业公章刻制备案"
BANK_SETUP = "企业基本存款账户开立"
TAX_SETUP = "新办纳税人套餐（涉税事项一次办）"
PROJECT_STEPS = (
    "企业投资项目备案（立项）",
    "建设用地规划许可证核发",
    "建设工程规划许可证核发",
    "建筑工程施工许可证核发",
)
#: Items whose approval needs on-site inspection or a committee, so the window
#: only receives them: not authorised for window approval.
NOT_AUTHORISED = (
    "建设工程消防验收",
    "特殊建设工程消防验收",
    "食品生产许可（新办）",
    "放射诊疗许可（新办）",
    "医疗机构执业许可（新办）",
    "商品房预售许可",
    "企业投资项目核准",
    "政府投资项目可行性研究报告审批",
    "道路旅客运输经营许可（新办）",
    "工伤认定申请",
    "劳务派遣经营许可（新办）",
    "慈善组织认定",
)
#: Items handled only in the department's own office (not admitted into the hall).
NOT_ADMITTED = (
    "政府投资项目初步设计审批",
    "固定资产投资项目节能审查",
    "放射诊疗许可（延续）",
    "城市建筑垃圾处置核准",
    "超限运输车辆行驶公路许可",
    "涉路施工许可",
    "林权登记",
    "集体土地所有权登记",
    "特殊工时制度审批",
    "技工学校设立审批",
)

_VARIANTS = ("新办", "变更", "延续", "注销")


def _licences(
    desk: str,
    dept: str,
    names: tuple[str, ...],
    promised: int,
    legal: int,
    applicant: str = "E",
    category: ItemCategory = _OTH,
) -> list[ItemSpec]:
    """A licence comes as new, change, renewal and cancellation, each its own catalogue item."""
    items: list[ItemSpec] = []
    for name in names:
        for variant in _VARIANTS:
            quick = variant in ("变更", "注销")
            items.append(
                ItemSpec(
                    desk,
                    dept,
                    f"{name}（{variant}）",
                    category,
                    _NOW if quick else _LATER,
                    0 if quick else promised,
                    legal,
                    applicant,
                )
            )
    return items


def _simple(
    desk: str, dept: str, category: ItemCategory, rows: tuple[tuple[str, int, int, str], ...]
) -> list[ItemSpec]:
    """Rows of (name, promised days, legal days, applicant); 0 promised days means 即办件."""
    return [
        ItemSpec(desk, dept, name, category, _NOW if promised == 0 else _LATER, promised, legal, who)
        for name, promised, legal, who in rows
    ]


def _registrations() -> list[ItemSpec]:
    entities = (
        ("有限责任公司", "E"),
        ("股份有限公司", "E"),
        ("非公司企业法人", "E"),
        ("个人独资企业", "E"),
        ("合伙企业", "E"),
        ("个体工商户", "P"),
        ("农民专业合作社", "E"),
        ("分公司", "E"),
        ("外商投资企业", "E"),
    )
    items: list[ItemSpec] = []
    for entity, who in entities:
        items.append(ItemSpec("licence", _D["SJ"], f"{entity}设立登记", _LIC, _NOW, 0, 15, who))
        items.append(ItemSpec("licence", _D["SJ"], f"{entity}变更登记", _LIC, _NOW, 0, 15, who))
        items.append(ItemSpec("licence", _D["SJ"], f"{entity}注销登记", _OTH, _LATER, 1, 20, who))
        items.append(ItemSpec("licence", _D["SJ"], f"{entity}备案", _OTH, _NOW, 0, 15, who))
    items.append(ItemSpec("licence", _D["SJ"], "企业简易注销登记", _OTH, _LATER, 1, 20, "E"))
    items.append(ItemSpec("licence", _D["SJ"], "营业执照遗失补领", _LIC, _NOW, 0, 5, "E"))
    return items


def catalogue() -> list[ItemSpec]:
    """The hall's 300 catalogue items, in a fixed order (item codes follow it)."""
    items: list[ItemSpec] = _registrations()
    items += _licences(
        "food_drug",
        _D["SJ"],
        ("食品经营许可", "食品生产许可", "药品零售企业许可", "第三类医疗器械经营许可", "工业产品生产许可"),
        5,
        20,
    )
    items += _simple(
        "food_drug",
        _D["SJ"],
        _OTH,
        (
            ("第二类医疗器械经营备案", 0, 5, "E"),
            ("特种设备使用登记", 3, 15, "E"),
            ("食品小作坊登记", 5, 20, "M"),
            ("仅销售预包装食品备案", 0, 5, "E"),
            ("计量标准器具核准", 10, 20, "E"),
        ),
    )
    items += _simple(
        "seal",
        _D["GA"],
        _SEAL,
        (
            (SEAL_SETUP, 0, 1, "E"),
            ("财务专用章刻制备案", 0, 1, "E"),
            ("发票专用章刻制备案", 0, 1, "E"),
            ("合同专用章刻制备案", 0, 1, "E"),
            ("法定代表人名章刻制备案", 0, 1, "E"),
            ("印章遗失补刻备案", 0, 1, "E"),
        ),
    )
    items += _simple(
        "police",
        _D["GA"],
        _OTH,
        (
            ("居民身份证申领", 15, 60, "P"),
            ("居民身份证换领", 15, 60, "P"),
            ("居民身份证补领", 15, 60, "P"),
            ("临时居民身份证办理", 0, 3, "P"),
            ("居住证申领", 10, 15, "P"),
            ("居住证签注", 0, 5, "P"),
            ("户口迁入", 5, 20, "P"),
            ("户口迁出", 0, 5, "P"),
            ("出生登记", 0, 5, "P"),
            ("死亡户口注销", 0, 5, "P"),
            ("往来港澳通行证签发", 7, 15, "P"),
            ("往来台湾通行证签发", 7, 15, "P"),
            ("普通护照签发", 7, 15, "P"),
            ("无犯罪记录证明开具", 3, 7, "P"),
            ("户籍证明开具", 0, 3, "P"),
            ("居民户口簿补领", 0, 5, "P"),
        ),
    )
    items += _simple(
        "tax",
        _D["SW"],
        _TAX,
        (
            (TAX_SETUP, 0, 5, "E"),
            ("发票领用", 0, 5, "E"),
            ("发票增量增版", 2, 10, "E"),
            ("税控设备初始发行", 0, 5, "E"),
            ("增值税一般纳税人登记", 0, 5, "E"),
            ("税务登记信息变更", 0, 5, "E"),
            ("清税申报", 1, 20, "E"),
            ("跨区域涉税事项报告", 0, 5, "E"),
            ("出口退（免）税备案", 2, 20, "E"),
            ("税收优惠资格备案", 0, 5, "E"),
            ("完税证明开具", 0, 5, "M"),
            ("纳税信用复评", 15, 30, "E"),
            ("非正常户解除", 0, 5, "E"),
            ("代开增值税发票", 0, 5, "M"),
            ("社会保险费缴费登记", 0, 5, "E"),
            ("个人所得税综合所得汇算清缴", 0, 5, "P"),
            ("房产税城镇土地使用税申报", 0, 5, "E"),
        ),
    )
    items += _simple(
        "realty_tax",
        _D["SW"],
        _TAX,
        (
            ("存量房交易契税申报", 0, 5, "P"),
            ("新建商品房契税申报", 0, 5, "P"),
            ("个人住房转让增值税申报", 0, 5, "P"),
            ("个人住房转让个人所得税申报", 0, 5, "P"),
            ("土地增值税申报", 0, 5, "E"),
            ("契税减免申请", 3, 20, "P"),
        ),
    )
    items += _simple(
        "bank",
        _D["RH"],
        _BANK,
        (
            (BANK_SETUP, 0, 2, "E"),
            ("一般存款账户开立", 0, 2, "E"),
            ("专用存款账户开立", 0, 2, "E"),
            ("临时存款账户开立", 0, 2, "E"),
            ("单位银行结算账户变更", 0, 2, "E"),
            ("单位银行结算账户撤销", 1, 2, "E"),
            ("个体工商户结算账户开立", 0, 2, "P"),
        ),
    )
    items += _simple(
        "social_security",
        _D["RS"],
        _OTH,
        (
            ("单位社会保险登记", 0, 5, "E"),
            ("个人参保登记", 0, 5, "P"),
            ("养老保险关系转移接续", 15, 45, "P"),
            ("基本养老保险待遇申领", 10, 20, "P"),
            ("失业保险金申领", 5, 20, "P"),
            ("工伤认定申请", 20, 60, "M"),
            ("工伤保险待遇核定", 10, 20, "P"),
            ("社会保障卡申领", 5, 15, "P"),
            ("社会保障卡挂失补换", 0, 5, "P"),
            ("参保缴费证明开具", 0, 3, "M"),
            ("灵活就业人员参保登记", 0, 5, "P"),
            ("领取待遇资格认证", 0, 5, "P"),
        ),
    )
    items += _simple(
        "employment",
        _D["RS"],
        _OTH,
        (
            ("就业登记", 0, 5, "P"),
            ("失业登记", 0, 5, "P"),
            ("就业创业证申领", 3, 10, "P"),
            ("职业技能等级证书查询核验", 0, 3, "P"),
            ("特殊工时制度审批", 10, 20, "E"),
            ("技工学校设立审批", 20, 60, "E"),
            ("劳动合同备案", 0, 5, "E"),
        ),
    )
    items += _licences("employment", _D["RS"], ("劳务派遣经营许可", "人力资源服务许可"), 10, 20)
    items += _simple(
        "policy",
        _D["RS"],
        _POL,
        (
            ("一次性创业补贴", 10, 20, "P"),
            ("创业担保贷款贴息", 10, 20, "M"),
            ("失业保险稳岗返还", 10, 20, "E"),
            ("社会保险补贴", 10, 20, "E"),
            ("一次性吸纳就业补贴", 10, 20, "E"),
            ("职业技能提升补贴", 10, 20, "P"),
            ("高校毕业生就业见习补贴", 10, 20, "E"),
            ("人才安家补贴", 15, 30, "P"),
            ("就业困难人员灵活就业社保补贴", 10, 20, "P"),
        ),
    )
    items += _simple(
        "realty",
        _D["ZR"],
        _RE,
        (
            ("国有建设用地使用权首次登记", 5, 30, "E"),
            ("房屋所有权首次登记", 5, 30, "E"),
            ("国有建设用地使用权及房屋所有权转移登记（存量房）", 3, 30, "P"),
            ("国有建设用地使用权及房屋所有权转移登记（新建商品房）", 3, 30, "P"),
            ("不动产转移登记（继承、受遗赠）", 5, 30, "P"),
            ("不动产变更登记", 3, 30, "M"),
            ("不动产更正登记", 5, 30, "M"),
            ("不动产异议登记", 1, 30, "M"),
            ("预购商品房预告登记", 1, 30, "P"),
            ("抵押权首次登记", 1, 30, "M"),
            ("抵押权变更登记", 1, 30, "M"),
            ("抵押权注销登记", 0, 30, "M"),
            ("查封登记", 0, 30, "M"),
            ("不动产注销登记", 3, 30, "M"),
            ("不动产权证书补证", 5, 30, "P"),
            ("不动产权证书换证", 5, 30, "P"),
            ("集体土地所有权登记", 10, 30, "E"),
            ("宅基地使用权及房屋所有权登记", 5, 30, "P"),
            ("林权登记", 10, 30, "M"),
            ("居住权登记", 3, 30, "P"),
            ("地役权登记", 5, 30, "M"),
            ("在建建筑物抵押权登记", 1, 30, "E"),
            ("不动产登记证明补发", 5, 30, "M"),
        ),
    )
    items += _simple(
        "realty_query",
        _D["ZR"],
        _OTH,
        (("不动产登记资料查询", 0, 3, "M"), ("不动产登记信息证明开具", 0, 3, "M")),
    )
    items += _simple(
        "project_plan",
        _D["ZR"],
        _PROJ,
        (
            ("建设项目用地预审与选址意见书核发", 10, 20, "E"),
            (PROJECT_STEPS[1], 5, 20, "E"),
            (PROJECT_STEPS[2], 5, 20, "E"),
            ("乡村建设规划许可证核发", 10, 20, "M"),
            ("建设工程规划条件核实", 5, 20, "E"),
            ("建设工程设计方案审查", 10, 20, "E"),
            ("临时建设工程规划许可", 5, 20, "E"),
        ),
    )
    items += _simple(
        "project_permit",
        _D["ZJ"],
        _PROJ,
        (
            (PROJECT_STEPS[3], 3, 7, "E"),
            ("建筑工程施工许可证变更", 3, 7, "E"),
            ("施工图设计文件审查备案", 3, 10, "E"),
            ("房屋建筑和市政工程竣工验收备案", 5, 15, "E"),
            ("工程质量安全监督登记", 1, 5, "E"),
            ("城市建筑垃圾处置核准", 10, 20, "E"),
            ("城市道路挖掘许可", 5, 20, "E"),
            ("临时占用城市绿地许可", 5, 20, "E"),
        ),
    )
    items += _licences("project_permit", _D["ZJ"], ("建筑业企业资质核准",), 10, 20, category=_OTH)
    items += _simple(
        "fire",
        _D["ZJ"],
        _PROJ,
        (
            ("建设工程消防设计审查", 10, 15, "E"),
            ("建设工程消防验收", 10, 15, "E"),
            ("建设工程消防验收备案", 0, 5, "E"),
            ("特殊建设工程消防验收", 10, 15, "E"),
        ),
    )
    items += _simple(
        "realty_trade",
        _D["ZJ"],
        _OTH,
        (
            ("商品房买卖合同网签备案", 0, 3, "P"),
            ("存量房买卖合同网签备案", 0, 3, "P"),
            ("房屋租赁登记备案", 0, 3, "M"),
            ("商品房预售许可", 10, 20, "E"),
            ("商品房现售备案", 3, 10, "E"),
        ),
    )
    items += _licences("realty_trade", _D["ZJ"], ("房地产开发企业资质核定",), 10, 20)
    items += _simple(
        "project_fgw",
        _D["FG"],
        _PROJ,
        (
            (PROJECT_STEPS[0], 1, 3, "E"),
            ("企业投资项目核准", 15, 20, "E"),
            ("企业投资项目备案信息变更", 1, 3, "E"),
            ("政府投资项目建议书审批", 15, 20, "E"),
            ("政府投资项目可行性研究报告审批", 15, 20, "E"),
            ("政府投资项目初步设计审批", 15, 20, "E"),
            ("固定资产投资项目节能审查", 10, 20, "E"),
        ),
    )
    items += _simple(
        "project_fgw",
        _D["FG"],
        _OTH,
        (("涉案财物价格认定", 10, 30, "M"), ("粮食收购资格备案", 5, 20, "E")),
    )
    items += _simple(
        "policy",
        _D["FG"],
        _POL,
        (
            ("服务业发展引导资金兑现", 15, 30, "E"),
            ("重点项目建设奖补兑现", 15, 30, "E"),
            ("企业技术改造补助兑现", 15, 30, "E"),
            ("物流业发展奖励兑现", 15, 30, "E"),
        ),
    )
    items += _licences(
        "health",
        _D["WJ"],
        ("医疗机构执业许可", "公共场所卫生许可", "饮用水供水单位卫生许可", "放射诊疗许可"),
        10,
        20,
    )
    items += _simple(
        "health",
        _D["WJ"],
        _OTH,
        (
            ("医师执业注册（首次）", 10, 20, "P"),
            ("医师执业注册（变更）", 5, 20, "P"),
            ("护士执业注册（首次）", 10, 20, "P"),
            ("护士执业注册（延续）", 5, 20, "P"),
            ("母婴保健技术服务执业许可", 15, 20, "E"),
            ("出生医学证明首次签发", 0, 5, "P"),
            ("出生医学证明补发", 5, 20, "P"),
            ("职业病诊断机构备案", 5, 20, "E"),
            ("医疗机构设置审批", 15, 30, "E"),
        ),
    )
    items += _simple(
        "civil",
        _D["MZ"],
        _OTH,
        (
            ("社会团体成立登记", 20, 60, "E"),
            ("社会团体变更登记", 10, 30, "E"),
            ("社会团体注销登记", 10, 30, "E"),
            ("民办非企业单位成立登记", 20, 60, "E"),
            ("民办非企业单位变更登记", 10, 30, "E"),
            ("民办非企业单位注销登记", 10, 30, "E"),
            ("养老机构备案", 0, 5, "E"),
            ("慈善组织认定", 20, 30, "E"),
            ("最低生活保障申请", 15, 30, "P"),
            ("特困人员供养申请", 15, 30, "P"),
            ("临时救助申请", 5, 10, "P"),
            ("困难残疾人生活补贴申请", 10, 20, "P"),
            ("重度残疾人护理补贴申请", 10, 20, "P"),
        ),
    )
    items += _simple(
        "medical",
        _D["YB"],
        _OTH,
        (
            ("职工医保参保登记", 0, 5, "E"),
            ("城乡居民医保参保登记", 0, 5, "P"),
            ("医保关系转移接续", 15, 45, "P"),
            ("异地就医备案", 0, 3, "P"),
            ("门诊慢特病待遇认定", 10, 20, "P"),
            ("医疗费用手工报销", 15, 30, "P"),
            ("生育医疗费用报销", 10, 20, "P"),
            ("生育津贴申领", 10, 20, "P"),
            ("医保定点医药机构申请", 20, 60, "E"),
            ("职工医保个人账户家庭共济", 0, 3, "P"),
            ("医保缴费证明开具", 0, 3, "P"),
            ("新生儿参保登记", 0, 5, "P"),
            ("长期护理保险待遇申请", 15, 30, "P"),
        ),
    )
    items += _simple(
        "fund",
        _D["GJ"],
        _OTH,
        (
            ("住房公积金单位缴存登记", 0, 5, "E"),
            ("住房公积金个人账户设立", 0, 5, "E"),
            ("住房公积金缴存基数调整", 0, 5, "E"),
            ("购房提取住房公积金", 3, 5, "P"),
            ("租房提取住房公积金", 0, 5, "P"),
            ("退休提取住房公积金", 0, 5, "P"),
            ("离职提取住房公积金", 3, 5, "P"),
            ("偿还住房贷款提取住房公积金", 3, 5, "P"),
            ("个人住房公积金贷款申请", 5, 15, "P"),
            ("住房公积金贷款结清", 0, 5, "P"),
            ("住房公积金异地转移接续", 10, 20, "P"),
            ("住房公积金缴存证明开具", 0, 3, "P"),
        ),
    )
    items += _licences("transport", _D["JT"], ("道路旅客运输经营许可", "道路货物运输经营许可"), 10, 20)
    items += _simple(
        "transport",
        _D["JT"],
        _OTH,
        (
            ("道路运输证配发", 0, 5, "E"),
            ("网络预约出租汽车运输证核发", 5, 20, "M"),
            ("网络预约出租汽车驾驶员证核发", 5, 20, "P"),
            ("出租汽车驾驶员从业资格注册", 0, 5, "P"),
            ("机动车维修经营备案", 0, 5, "E"),
            ("超限运输车辆行驶公路许可", 5, 20, "E"),
            ("公路建筑控制区许可", 10, 20, "E"),
            ("涉路施工许可", 10, 20, "E"),
        ),
    )
    return items


ITEM_COUNT = 300

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
#: Weights roughly follow how common the first surnames are.
SURNAME_WEIGHTS = tuple(max(1, 12 - i // 4) for i in range(len(SURNAMES)))
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文斌宇浩凯婷雪琳晨欣怡佳子梓涵轩博俊嘉思"
    "雨晓宁海波峰亮飞鑫丹倩颖慧瑶璐睿泽铭晗航志国庆春兰云德荣昊然若彤诗琪梦瑞祥永成林振东"
)

#: Trade names and lines of business for enterprise names.
TRADE_NAMES = (
    "华信",
    "恒泰",
    "鑫源",
    "瑞丰",
    "博远",
    "中晟",
    "金桥",
    "宏达",
    "新锐",
    "汇通",
    "启明",
    "天泽",
    "嘉禾",
    "盛世",
    "远航",
    "同创",
    "智联",
    "海川",
    "锦程",
    "正元",
    "晨光",
    "万和",
    "泰和",
    "鼎盛",
    "长青",
    "德润",
    "亿联",
    "卓越",
    "安捷",
    "融创",
    "青禾",
    "星辰",
    "恒信",
    "沃土",
    "凯越",
    "明德",
)
BUSINESS_LINES = (
    "科技",
    "商贸",
    "餐饮管理",
    "建筑工程",
    "物流",
    "文化传媒",
    "医药",
    "机械制造",
    "电子商务",
    "农业发展",
    "信息技术",
    "装饰工程",
    "教育咨询",
    "新能源",
    "环保科技",
    "供应链管理",
    "酒店管理",
    "物业服务",
    "健康管理",
    "智能装备",
)
ENTERPRISE_FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司")

#: Region codes (县级行政区划代码) for ID numbers and credit codes; the first ones are the city's own.
CITY_REGIONS = ("370102", "370103", "370104", "370105", "370112", "370113", "370114", "370181")
OTHER_REGIONS = ("370202", "370302", "371302", "410105", "130102", "320102", "340104", "510104")

COMPLAINT_TOPICS: tuple[tuple[str, str], ...] = (
    ("材料反复补正", "办理{item}时被要求多次补交材料，每次告知的材料清单都不一样。"),
    ("窗口推诿", "在{window}窗口咨询{item}，被告知不归本窗口办理，让去其他部门问。"),
    ("超时未办结", "{item}已超过承诺时限仍未办结，电话询问也没有明确答复。"),
    ("系统故障", "在窗口办理{item}时系统一直无法提交，只能改天再来。"),
    ("政策不清", "咨询{item}的兑现条件，不同工作人员说法不一致。"),
    ("多次跑动", "为办理{item}已经来了三趟，希望能一次办好。"),
)

SPECIAL_REASONS = ("专家评审", "现场勘验", "公告公示", "听证", "技术审查", "征求相关部门意见")
SUPPLEMENT_NOTES = ("申请材料不齐全，一次性告知补正", "材料签字不完整，需本人补签", "缺少身份证明复印件")
