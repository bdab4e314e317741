"""Split a posting description into sections: responsibilities, requirements, preferred, benefits, company.

(Interface only for now; `split_sections` lands with the extraction work.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SectionKind = Literal[
    "summary", "responsibilities", "requirements", "preferred", "benefits", "company", "equal_opportunity", "other"
]


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: str | None
    text: str
    start: int  # character offset of the section in the description
