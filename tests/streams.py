"""Many varied cases as JSON text, for the streaming tests: enough that a stream is cut into
several chunks, with bad ones among them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.builders import case_dict, claim_case

KINDS = ("spoilage", "allergy", "price_match")


def case_texts(count: int, *, bad_every: int | None = 97) -> list[str]:
    """`count` cases as JSON Lines texts, amounts and claim kinds varied; every `bad_every`-th
    one (from the 5th) is not JSON, and a later one is JSON but not a valid case (None: every
    case is valid)."""
    texts = []
    for n in range(count):
        if bad_every is not None and n % bad_every == 4:
            texts.append("{not json")
            continue
        amount = f"{10 + n % 400}.{n % 100:02d}"
        if n % 4 == 3:
            case = case_dict(id=f"c{n}", order={"id": f"o{n}", "promised_ship_by":
                                                "2025-08-21T10:00:00+08:00"})
        else:
            case = claim_case(KINDS[n % 3], id=f"c{n}", order={"id": f"o{n}"})
        case["order"]["lines"][0]["paid_amount"] = amount
        if bad_every is not None and n % bad_every == 50:
            case["order"]["lines"][0]["quantity"] = 0
        texts.append(json.dumps(case))
    return texts


def write_lines(path: object, texts: list[str]) -> str:
    from pathlib import Path

    file = Path(str(path))
    file.write_text("".join(text + "\n" for text in texts), encoding="utf-8")
    return str(file)


def damaged_parquet(path: Path, texts: list[str], *, good_rows: int) -> Path:
    """A Parquet file of `texts` in a `case` column whose row groups hold `good_rows` each,
    the second one damaged inside its values (past every header)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"case": texts}), str(path), row_group_size=good_rows,
                   compression="none", use_dictionary=False)
    damaged = bytearray(path.read_bytes())
    start = pq.ParquetFile(str(path)).metadata.row_group(1).column(0).data_page_offset + 200
    damaged[start:start + 4_000] = b"\xff" * 4_000
    path.write_bytes(bytes(damaged))
    return path
