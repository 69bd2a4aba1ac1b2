"""How an applicant's identifier is kept: persons masked and hashed, enterprises whole."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hallmonitor.domain.enums import ApplicantType
from hallmonitor.domain.identifiers import (
    keyed_hash,
    mask_id_card,
    normalise,
    validate_credit_code,
    validate_id_card,
)
from hallmonitor.services.hall import ensure_hash_key


def applicant_identity(
    session: Session, applicant_type: ApplicantType, raw: str, *, checked: bool = False
) -> tuple[str, str]:
    """(what may be shown and stored, keyed hash for matching) for a raw identifier.

    Raises InvalidIdentifier (a ValueError with a sentence for the user) when the
    check character is wrong. An empty identifier is allowed and stays empty.
    ``checked`` says the number already passed that check (an import's row
    check): it is only normalised, masked and hashed, so a 100,000-row file
    validates each number once.
    """
    raw = (raw or "").strip()
    if not raw:
        return "", ""
    key = ensure_hash_key(session)
    if applicant_type is ApplicantType.PERSON:
        number = normalise(raw) if checked else validate_id_card(raw)
        return mask_id_card(number), keyed_hash(number, key)
    code = normalise(raw) if checked else validate_credit_code(raw)
    return code, keyed_hash(code, key)
