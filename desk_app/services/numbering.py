"""Record numbers such as TS-20261121-001: a prefix and a sequence, never reused."""

from peewee import Field, fn


def next_number(field: Field, prefix: str, width: int) -> str:
    """The next number `prefix` + zero-padded sequence after the highest one stored in `field`.

    Numbers are never reused: the highest existing suffix (not the count) is the base, so a
    deleted record's number is not handed out again while a later one exists.
    """
    highest = (field.model.select(field).where(field.startswith(prefix))
               .order_by(fn.LENGTH(field).desc(), field.desc()).limit(1).scalar())
    sequence = int(highest[len(prefix):]) + 1 if highest and highest[len(prefix):].isdigit() else 1
    return f"{prefix}{sequence:0{width}d}"
