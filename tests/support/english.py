"""What the English checks share: a Han character anywhere in a text shown in English is a fault."""

from __future__ import annotations

import re

#: CJK Unified Ideographs and Extension A: any of them in an English message is untranslated.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
