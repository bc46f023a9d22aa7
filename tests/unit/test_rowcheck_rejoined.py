"""A row whose undecodable bytes decode once rejoined (a UTF-8 sequence cut where the reader split
its blocks) is still judged, never a crash (found by the importer fuzz test)."""
from triage_app.importers.validate import RowCheck


def test_bytes_that_decode_when_rejoined_are_judged_without_a_crash():
    check = RowCheck("utf-8")
    cells, reason = check(["ok", "\udce4\udcb8\udcad"])  # the three bytes of 中, each escaped on its own
    if cells is None:  # rejected, with a reason that names the encoding
        assert reason and "utf-8" in reason
    else:  # repaired as Windows-1252, with a warning
        assert reason and "cp1252" in reason and len(cells) == 2
    assert check.bad_rows == 1
