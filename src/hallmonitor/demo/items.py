"""What the demo's catalogue is made of, and the items its story needs by name.

The catalogue lists are long (``catalogue`` and ``social_items``); what they
share sits here so both can use it without importing each other: the shape of
an item, the shorthands that turn one licence into its four catalogue items,
the items the generator picks on purpose (the bundle and project steps, those
not authorised for window approval, those not admitted into the hall), and an
item as the hall holds it once planted, with its code.
"""

from __future__ import annotations

from dataclasses import dataclass

from hallmonitor.domain.enums import CaseType, ItemCategory


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


@dataclass(eq=False)
class PlannedItem:
    code: str
    spec: ItemSpec
    admitted: bool
    may_approve: bool


_NOW = CaseType.IMMEDIATE
_LATER = CaseType.PROMISED

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


def licences(
    desk: str,
    dept: str,
    names: tuple[str, ...],
    promised: int,
    legal: int,
    applicant: str = "E",
    category: ItemCategory = ItemCategory.OTHER,
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


def simple(
    desk: str, dept: str, category: ItemCategory, rows: tuple[tuple[str, int, int, str], ...]
) -> list[ItemSpec]:
    """Rows of (name, promised days, legal days, applicant); 0 promised days means 即办件."""
    return [
        ItemSpec(desk, dept, name, category, _NOW if promised == 0 else _LATER, promised, legal, who)
        for name, promised, legal, who in rows
    ]
