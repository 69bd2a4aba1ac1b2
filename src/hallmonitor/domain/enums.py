"""The field's vocabulary as enums.

Values are the Chinese terms the hall and the center use: they are what is
stored, imported and exported, so a value never changes once released.
Member names are the glossary's English words.
"""

from __future__ import annotations

from enum import StrEnum


class WindowKind(StrEnum):
    COMBINED = "综合窗口"
    DEPARTMENT = "专业窗口"
    COMPLAINTS = "办不成事反映窗口"
    POLICY_PAYOUT = "政策兑现窗口"


class WindowState(StrEnum):
    OPEN = "开放"
    RECTIFYING = "整改中"
    CLOSED = "临时关闭"
    OUT_OF_SERVICE = "停用"

    @property
    def in_service(self) -> bool:
        """Windows that are judged for staffing: open or under rectification."""
        return self in (WindowState.OPEN, WindowState.RECTIFYING)


class StaffCategory(StrEnum):
    CIVIL_SERVANT = "公务员"
    CIVIL_SERVANT_LAW_MANAGED = "参照公务员法管理"
    PUBLIC_INSTITUTION = "事业编制"
    LABOUR_DISPATCH = "劳务派遣"
    CONTRACT_OUTSIDE_QUOTA = "编外聘用"
    TEMPORARY = "临时聘用"
    THIRD_PARTY = "第三方服务"

    @property
    def is_formal(self) -> bool:
        """The one place that decides who is a formal civil servant."""
        return self in _FORMAL_CATEGORIES


_FORMAL_CATEGORIES = frozenset(
    {
        StaffCategory.CIVIL_SERVANT,
        StaffCategory.CIVIL_SERVANT_LAW_MANAGED,
        StaffCategory.PUBLIC_INSTITUTION,
    }
)
FORMAL_CATEGORIES: frozenset[StaffCategory] = _FORMAL_CATEGORIES
AUXILIARY_CATEGORIES: frozenset[StaffCategory] = frozenset(StaffCategory) - _FORMAL_CATEGORIES


class Session(StrEnum):
    MORNING = "上午"
    AFTERNOON = "下午"


class StaffingVerdict(StrEnum):
    COMPLIANT = "合规"
    AUXILIARY_ONLY = "仅辅助人员"
    UNSTAFFED = "无人值守"

    @property
    def is_violation(self) -> bool:
        return self is not StaffingVerdict.COMPLIANT


class ItemCategory(StrEnum):
    BUSINESS_LICENCE = "营业执照"
    SEAL_ENGRAVING = "公章刻制"
    BANK_ACCOUNT = "银行开户"
    TAX = "涉税办理"
    REAL_ESTATE = "不动产登记"
    CONSTRUCTION_PROJECT = "工程建设项目审批"
    POLICY_PAYOUT = "政策兑现"
    OTHER = "其他"


#: The four steps that together make a new enterprise's setup bundle.
ENTERPRISE_SETUP_CATEGORIES: frozenset[ItemCategory] = frozenset(
    {
        ItemCategory.BUSINESS_LICENCE,
        ItemCategory.SEAL_ENGRAVING,
        ItemCategory.BANK_ACCOUNT,
        ItemCategory.TAX,
    }
)


class CaseType(StrEnum):
    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class CaseStatus(StrEnum):
    ACCEPTED = "已受理"
    AWAITING_DOCUMENTS = "补正"
    SPECIAL_PROCEDURE = "特别程序"
    COMPLETED = "办结"
    REFUSED = "不予受理"
    RETURNED = "退件"

    @property
    def is_finished(self) -> bool:
        return self in (CaseStatus.COMPLETED, CaseStatus.REFUSED, CaseStatus.RETURNED)


class ApprovalPlace(StrEnum):
    WINDOW = "窗口"
    BACK_OFFICE = "部门后台"


class ApplicantType(StrEnum):
    PERSON = "个人"
    ENTERPRISE = "企业"


class DeadlineState(StrEnum):
    ON_TIME = "正常"
    DUE_TODAY = "临期"
    OVERDUE = "超时"


class AlertKind(StrEnum):
    STAFFING = "人员配置"
    CASE_OVERDUE = "办件超时"
    CASE_DUE = "办件临期"
    FRONT_SHOP = "前店后厂"
    MULTIPLE_TRIPS = "多次跑动"
    COMPLAINT_OVERDUE = "反映超期"
    #: 挂名: a formal civil servant on the roster while auxiliary staff handle every case.
    NOMINAL_PRESENCE = "人员挂名"


class AlertLevel(StrEnum):
    """The staffing ladder (责令纠正 → 建议临时关闭), and the cards of the other kinds.

    Only staffing climbs the ladder. Cases follow the e-supervision cards: 黄牌
    on their last day, 红牌 once past it; 前店后厂, 多次跑动 and 人员挂名 are 待核查
    until a supervisor confirms the evidence (then 红牌); an overdue complaint is 红牌.
    ``NOTICE`` is the level alerts raised before these rules carried.
    """

    NOTICE = "提示"
    ORDER_TO_CORRECT = "责令纠正"
    SUGGEST_CLOSURE = "建议临时关闭"
    YELLOW_CARD = "黄牌"
    RED_CARD = "红牌"
    TO_VERIFY = "待核查"

    @property
    def is_ladder(self) -> bool:
        return self in (AlertLevel.ORDER_TO_CORRECT, AlertLevel.SUGGEST_CLOSURE)


class AlertState(StrEnum):
    OPEN = "待处理"
    ACKNOWLEDGED = "已确认"
    RECTIFYING = "整改中"
    RESOLVED = "已整改"
    WINDOW_CLOSED = "已关闭窗口"
    REVOKED = "已撤销"
    #: A card about one day (临期) whose day has ended: its cases were finished or have turned 超时.
    EXPIRED = "已过期"

    @property
    def is_open(self) -> bool:
        return self in (
            AlertState.OPEN,
            AlertState.ACKNOWLEDGED,
            AlertState.RECTIFYING,
            AlertState.WINDOW_CLOSED,
        )


class FlagState(StrEnum):
    PENDING = "待核查"
    CONFIRMED = "已确认"
    DISMISSED = "已排除"


class FrontShopReason(StrEnum):
    BACK_OFFICE_APPROVAL = "审批地点为部门后台"
    APPROVER_NOT_IN_HALL = "审批人当日未在大厅窗口到岗"
    WINDOW_NOT_AUTHORISED = "事项未授权窗口审批却已审批"


class Role(StrEnum):
    """What a person does in the hall; what each may do is ``domain.permissions``.

    Administration and audit are separate people (等保 2.0), so no role holds both.
    """

    ADMIN = "管理员"
    SUPERVISOR = "督查员"
    WINDOW_LEAD = "窗口负责人"
    CENTER_VIEWER = "中心查看"
    AUDITOR = "审计员"


class CalendarSource(StrEnum):
    OFFICIAL = "官方"
    IMPORTED = "导入"
    MANUAL = "手工"
    GUESSED = "推测"
