"""The people of the demo: the hall's staff, the applicants who come to it, and their names.

Staffing is what the hall is watched for, so who is hired matters: each
window gets the formal civil servants and auxiliary staff its ``WindowSpec``
asks for, drawn from the categories in plausible shares, and every department
but the center gets one back-office approver who is never on a roster (when
that person approves a case, it was approved outside the hall). Applicants
are persons with valid ID numbers and enterprises with valid credit codes,
some coming back more than once; only the stored, masked form of their
numbers ever reaches the database.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from hallmonitor.demo.hall import CENTER, CITY, DEPARTMENTS, WINDOWS
from hallmonitor.demo.items import PlannedItem
from hallmonitor.domain.enums import ApplicantType, StaffCategory
from hallmonitor.domain.identifiers import CREDIT_CODE_ALPHABET, credit_code_check_char, id_card_check_char

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

_FORMAL_WEIGHTS = {
    StaffCategory.CIVIL_SERVANT: 45,
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED: 25,
    StaffCategory.PUBLIC_INSTITUTION: 30,
}
#: The center employs more 事业编制 staff than the line departments.
_CENTER_FORMAL_WEIGHTS = {
    StaffCategory.CIVIL_SERVANT: 20,
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED: 20,
    StaffCategory.PUBLIC_INSTITUTION: 60,
}
_AUX_WEIGHTS = {
    StaffCategory.LABOUR_DISPATCH: 40,
    StaffCategory.CONTRACT_OUTSIDE_QUOTA: 30,
    StaffCategory.TEMPORARY: 10,
    StaffCategory.THIRD_PARTY: 20,
}


@dataclass(eq=False)
class PlannedStaff:
    no: str
    name: str
    department: str
    category: StaffCategory
    #: Approves in the department's office and is never on a window's roster.
    back_office: bool = False

    @property
    def formal(self) -> bool:
        return self.category.is_formal


@dataclass(frozen=True)
class Applicant:
    kind: ApplicantType
    name: str
    #: The whole ID number or credit code; only its stored form reaches the database.
    raw_id: str


class People:
    """Everyone the plan names: staff by window team and department, and the applicants so far."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.staff: list[PlannedStaff] = []
        #: Per window number: its formal civil servants and its auxiliary staff.
        self.teams: dict[str, tuple[list[PlannedStaff], list[PlannedStaff]]] = {}
        #: Per department: the approver who works in its office, outside the hall.
        self.back_office: dict[str, PlannedStaff] = {}
        self.persons: list[Applicant] = []
        self.enterprises: list[Applicant] = []
        self.used_ids: set[str] = set()
        self.used_names: set[str] = set()

    # --- staff -----------------------------------------------------------------------------------

    def hire_staff(self) -> None:
        """Window teams from each window's department, plus one back-office approver per department.

        The back-office people never appear on a roster: when they approve a
        case, it was approved outside the hall.
        """
        abbr = dict(DEPARTMENTS)
        serial: dict[str, int] = defaultdict(int)

        def hire(dept: str, formal: bool, *, back_office: bool = False) -> PlannedStaff:
            if not formal:
                pool = _AUX_WEIGHTS
            else:
                pool = _CENTER_FORMAL_WEIGHTS if dept == CENTER else _FORMAL_WEIGHTS
            category = self.rng.choices(list(pool), weights=list(pool.values()))[0]
            serial[dept] += 1
            person = PlannedStaff(
                f"{abbr[dept]}{serial[dept]:03d}", self._unique_name(), dept, category, back_office
            )
            self.staff.append(person)
            return person

        for dept, _ in DEPARTMENTS:
            if dept != CENTER:
                self.back_office[dept] = hire(dept, True, back_office=True)
            for w in WINDOWS:
                if w.department == dept and w.in_service:
                    formal = [hire(dept, True) for _ in range(w.formal)]
                    aux = [hire(dept, False) for _ in range(w.auxiliary)]
                    self.teams[w.number] = (formal, aux)

    def _name(self) -> str:
        surname = self.rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
        length = 1 if self.rng.random() < 0.35 else 2
        return surname + "".join(self.rng.choice(GIVEN_CHARS) for _ in range(length))

    def _unique_name(self) -> str:
        while True:
            name = self._name()
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    # --- applicants ------------------------------------------------------------------------------

    def _person(self) -> Applicant:
        if self.persons and self.rng.random() < 0.15:
            return self.rng.choice(self.persons)
        while True:
            region = self.rng.choice(CITY_REGIONS if self.rng.random() < 0.85 else OTHER_REGIONS)
            birth = date(1950, 1, 1) + timedelta(days=self.rng.randrange(0, 20454))
            first17 = f"{region}{birth:%Y%m%d}{self.rng.randint(1, 999):03d}"
            number = first17 + id_card_check_char(first17)
            if number not in self.used_ids:
                break
        self.used_ids.add(number)
        applicant = Applicant(ApplicantType.PERSON, self._name(), number)
        self.persons.append(applicant)
        return applicant

    def _credit_code(self, prefix: str) -> str:
        while True:
            body = "".join(self.rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
            first17 = f"{prefix}{self.rng.choice(CITY_REGIONS)}{body}"
            code = first17 + credit_code_check_char(first17)
            if code not in self.used_ids:
                self.used_ids.add(code)
                return code

    def new_enterprise(self, organisation: bool = False) -> Applicant:
        trade = self.rng.choice(TRADE_NAMES)
        if organisation:
            name = f"{CITY}{trade}{self.rng.choice(('商会', '行业协会', '养老服务中心', '社会工作服务中心'))}"
            return Applicant(ApplicantType.ENTERPRISE, name, self._credit_code("52"))
        line = self.rng.choice(BUSINESS_LINES)
        name = f"{CITY}{trade}{line}{self.rng.choice(ENTERPRISE_FORMS)}"
        applicant = Applicant(ApplicantType.ENTERPRISE, name, self._credit_code("91"))
        self.enterprises.append(applicant)
        return applicant

    def _enterprise(self) -> Applicant:
        if len(self.enterprises) > 20 and self.rng.random() < 0.5:
            return self.rng.choice(self.enterprises)
        return self.new_enterprise()

    def applicant_for(self, item: PlannedItem) -> Applicant:
        who = item.spec.applicant
        if who == "P" or (who == "M" and self.rng.random() < 0.6):
            return self._person()
        return self.new_enterprise(organisation=True) if item.spec.desk == "civil" else self._enterprise()
