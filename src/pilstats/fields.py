"""The field taxonomy of public interest litigation (公益诉讼办案领域).

Four traditional statutory fields (民事诉讼法/行政诉讼法), ten statutory fields added
by later laws (the "4+10"), and the open list of other new fields that procuratorates
explore. Members carry their Chinese name as printed and an English name.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CaseField", "FieldGroup"]


class FieldGroup(StrEnum):
    """The three groups the white paper reports case counts for."""

    TRADITIONAL = "traditional"
    NEW_STATUTORY = "new_statutory"
    OTHER_NEW = "other_new"


class CaseField(StrEnum):
    """A field (领域) of public interest litigation; values are stable English ids."""

    ECOLOGY = "ecology"
    FOOD_DRUG = "food_drug"
    STATE_LAND = "state_land"
    STATE_ASSETS = "state_assets"
    WORKPLACE_SAFETY = "workplace_safety"
    MINORS = "minors"
    PERSONAL_INFORMATION = "personal_information"
    WOMEN = "women"
    HEROES = "heroes"
    SERVICE_MEMBERS = "service_members"
    TELECOM_FRAUD = "telecom_fraud"
    AGRICULTURAL_PRODUCTS = "agricultural_products"
    ACCESSIBILITY = "accessibility"
    ANTI_MONOPOLY = "anti_monopoly"
    PUBLIC_SAFETY = "public_safety"
    CULTURAL_HERITAGE = "cultural_heritage"
    CONSUMER_RIGHTS = "consumer_rights"
    NATIONAL_DEFENCE = "national_defence"
    INTELLECTUAL_PROPERTY = "intellectual_property"

    @property
    def chinese(self) -> str:
        """The field's name as the white paper prints it."""
        return _CHINESE[self]

    @property
    def english(self) -> str:
        """An English name."""
        return _ENGLISH[self]

    @property
    def group(self) -> FieldGroup:
        """Traditional, new statutory, or other new."""
        return _GROUP[self]


_F = CaseField
_TABLE: tuple[tuple[CaseField, str, str, FieldGroup], ...] = (
    (_F.ECOLOGY, "生态环境和资源保护", "ecological environment and resources",
     FieldGroup.TRADITIONAL),
    (_F.FOOD_DRUG, "食品药品安全", "food and drug safety", FieldGroup.TRADITIONAL),
    (_F.STATE_LAND, "国有土地使用权出让", "transfer of state-owned land use rights",
     FieldGroup.TRADITIONAL),
    (_F.STATE_ASSETS, "国有财产保护", "protection of state-owned property", FieldGroup.TRADITIONAL),
    (_F.WORKPLACE_SAFETY, "安全生产", "work safety", FieldGroup.NEW_STATUTORY),
    (_F.MINORS, "未成年人保护", "protection of minors", FieldGroup.NEW_STATUTORY),
    (_F.PERSONAL_INFORMATION, "个人信息保护", "personal information protection",
     FieldGroup.NEW_STATUTORY),
    (_F.WOMEN, "妇女权益保障", "women's rights and interests", FieldGroup.NEW_STATUTORY),
    (_F.HEROES, "英烈保护", "protection of heroes and martyrs", FieldGroup.NEW_STATUTORY),
    (_F.SERVICE_MEMBERS, "军人地位和权益保障", "status, rights and interests of service members",
     FieldGroup.NEW_STATUTORY),
    (_F.TELECOM_FRAUD, "反电信网络诈骗", "countering telecom and online fraud",
     FieldGroup.NEW_STATUTORY),
    (_F.AGRICULTURAL_PRODUCTS, "农产品质量安全", "quality and safety of agricultural products",
     FieldGroup.NEW_STATUTORY),
    (_F.ACCESSIBILITY, "无障碍环境建设", "barrier-free environment", FieldGroup.NEW_STATUTORY),
    (_F.ANTI_MONOPOLY, "反垄断", "anti-monopoly", FieldGroup.NEW_STATUTORY),
    (_F.PUBLIC_SAFETY, "公共安全", "public safety", FieldGroup.OTHER_NEW),
    (_F.CULTURAL_HERITAGE, "文物和文化遗产保护", "cultural relics and heritage",
     FieldGroup.OTHER_NEW),
    (_F.CONSUMER_RIGHTS, "消费者权益保护", "consumer rights", FieldGroup.OTHER_NEW),
    (_F.NATIONAL_DEFENCE, "国防和军事利益保护", "national defence and military interests",
     FieldGroup.OTHER_NEW),
    (_F.INTELLECTUAL_PROPERTY, "知识产权保护", "intellectual property", FieldGroup.OTHER_NEW),
)  # fmt: skip
_CHINESE = {f: zh for f, zh, _, _ in _TABLE}
_ENGLISH = {f: en for f, _, en, _ in _TABLE}
_GROUP = {f: g for f, _, _, g in _TABLE}
