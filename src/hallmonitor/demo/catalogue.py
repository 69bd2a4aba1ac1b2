"""The demo hall's item catalogue: all 300 items in their fixed order, and their codes.

Item codes are numbered per department in the order of this catalogue, so the
order is part of what makes the demo reproducible: ``catalogue()`` lists the
departments in the order of ``DEPARTMENTS``, and a department's items must
keep their order. The departments that serve mainly enterprises, property and
construction are listed here, those that serve mainly residents in
``social_items``. Plain data apart from the numbering; randomness lives in the
planning modules.
"""

from __future__ import annotations

from collections import defaultdict

from hallmonitor.demo.hall import DEPARTMENT_BY_ABBR as _D
from hallmonitor.demo.hall import DEPARTMENTS
from hallmonitor.demo.items import (
    BANK_SETUP,
    NOT_ADMITTED,
    NOT_AUTHORISED,
    PROJECT_STEPS,
    TAX_SETUP,
    ItemSpec,
    PlannedItem,
    licences,
    simple,
)
from hallmonitor.demo.social_items import (
    civil_affairs,
    health,
    housing_fund,
    human_resources,
    medical_insurance,
    police,
)
from hallmonitor.domain.enums import CaseType, ItemCategory

ITEM_COUNT = 300

_NOW = CaseType.IMMEDIATE
_LATER = CaseType.PROMISED
_LIC = ItemCategory.BUSINESS_LICENCE
_BANK = ItemCategory.BANK_ACCOUNT
_TAX = ItemCategory.TAX
_RE = ItemCategory.REAL_ESTATE
_PROJ = ItemCategory.CONSTRUCTION_PROJECT
_POL = ItemCategory.POLICY_PAYOUT
_OTH = ItemCategory.OTHER


def catalogue() -> list[ItemSpec]:
    """The hall's 300 catalogue items, in a fixed order (item codes follow it)."""
    return [
        *_market_regulation(),
        *police(),
        *_taxation(),
        *_central_bank(),
        *human_resources(),
        *_natural_resources(),
        *_housing_construction(),
        *_development_reform(),
        *health(),
        *civil_affairs(),
        *medical_insurance(),
        *housing_fund(),
        *_transport(),
    ]


def planned_items() -> list[PlannedItem]:
    """The catalogue as the hall holds it: coded per department, admitted or not, authorised or not."""
    specs = catalogue()
    assert len(specs) == ITEM_COUNT
    abbr = dict(DEPARTMENTS)
    serial: dict[str, int] = defaultdict(int)
    items: list[PlannedItem] = []
    for spec in specs:
        serial[spec.department] += 1
        admitted = spec.name not in NOT_ADMITTED
        items.append(
            PlannedItem(
                f"{abbr[spec.department]}-{serial[spec.department]:03d}",
                spec,
                admitted,
                admitted and spec.name not in NOT_AUTHORISED,
            )
        )
    return items


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


def _market_regulation() -> list[ItemSpec]:
    """市场监管局: business registration, then food, drug and product licences."""
    items = _registrations()
    items += licences(
        "food_drug",
        _D["SJ"],
        ("食品经营许可", "食品生产许可", "药品零售企业许可", "第三类医疗器械经营许可", "工业产品生产许可"),
        5,
        20,
    )
    items += simple(
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
    return items


def _taxation() -> list[ItemSpec]:
    """税务局: enterprise tax matters, and the taxes of a property sale."""
    items = simple(
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
    items += simple(
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
    return items


def _central_bank() -> list[ItemSpec]:
    """人民银行: the accounts a new enterprise opens."""
    items = simple(
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
    return items


def _natural_resources() -> list[ItemSpec]:
    """自然资源和规划局: real-estate registration and the planning steps of a construction project."""
    items = simple(
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
    items += simple(
        "realty_query",
        _D["ZR"],
        _OTH,
        (("不动产登记资料查询", 0, 3, "M"), ("不动产登记信息证明开具", 0, 3, "M")),
    )
    items += simple(
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
    return items


def _housing_construction() -> list[ItemSpec]:
    """住建局: construction permits, fire approvals and the property trade."""
    items = simple(
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
    items += licences("project_permit", _D["ZJ"], ("建筑业企业资质核准",), 10, 20, category=_OTH)
    items += simple(
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
    items += simple(
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
    items += licences("realty_trade", _D["ZJ"], ("房地产开发企业资质核定",), 10, 20)
    return items


def _development_reform() -> list[ItemSpec]:
    """发改委: investment projects, and the payouts of its funds."""
    items = simple(
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
    items += simple(
        "project_fgw",
        _D["FG"],
        _OTH,
        (("涉案财物价格认定", 10, 30, "M"), ("粮食收购资格备案", 5, 20, "E")),
    )
    items += simple(
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
    return items


def _transport() -> list[ItemSpec]:
    """交通运输局: road transport licences."""
    items = licences("transport", _D["JT"], ("道路旅客运输经营许可", "道路货物运输经营许可"), 10, 20)
    items += simple(
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
