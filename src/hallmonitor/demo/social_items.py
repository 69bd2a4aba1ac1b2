"""The catalogue items of the departments that serve mainly residents.

Police papers, social insurance and employment, health, civil affairs,
medical insurance and the housing fund: the everyday bulk of a hall's cases.
Split from ``catalogue`` only to keep each list readable; ``catalogue()``
puts every department's items back in their fixed order.
"""

from __future__ import annotations

from hallmonitor.demo.hall import DEPARTMENT_BY_ABBR as _D
from hallmonitor.demo.items import SEAL_SETUP, ItemSpec, licences, simple
from hallmonitor.domain.enums import ItemCategory

_SEAL = ItemCategory.SEAL_ENGRAVING
_POL = ItemCategory.POLICY_PAYOUT
_OTH = ItemCategory.OTHER


def police() -> list[ItemSpec]:
    """公安局: the seals of a new enterprise, then residents' papers."""
    items = simple(
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
    items += simple(
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
    return items


def human_resources() -> list[ItemSpec]:
    """人社局: social insurance, employment, and the subsidies paid out at the policy window."""
    items = simple(
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
    items += simple(
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
    items += licences("employment", _D["RS"], ("劳务派遣经营许可", "人力资源服务许可"), 10, 20)
    items += simple(
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
    return items


def health() -> list[ItemSpec]:
    """卫健委: health institutions and practitioners."""
    items = licences(
        "health",
        _D["WJ"],
        ("医疗机构执业许可", "公共场所卫生许可", "饮用水供水单位卫生许可", "放射诊疗许可"),
        10,
        20,
    )
    items += simple(
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
    return items


def civil_affairs() -> list[ItemSpec]:
    """民政局: social organisations and assistance."""
    items = simple(
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
    return items


def medical_insurance() -> list[ItemSpec]:
    """医保局: medical insurance."""
    items = simple(
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
    return items


def housing_fund() -> list[ItemSpec]:
    """公积金中心: the housing provident fund."""
    items = simple(
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
    return items
