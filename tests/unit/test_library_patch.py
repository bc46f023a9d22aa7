"""``library_patch.patched``: library names set for a block and put back, also after an error."""
from __future__ import annotations

import types

import pytest

from analysis.library_patch import patched


def test_names_are_set_inside_and_restored_after_an_error():
    lib = types.SimpleNamespace(fit="fit", folder="/default")
    other = types.SimpleNamespace(fit="fit")
    with pytest.raises(RuntimeError):
        with patched([(lib, "fit", "seeded"), (other, "fit", "seeded"), (lib, "folder", "/cache")]):
            assert (lib.fit, other.fit, lib.folder) == ("seeded", "seeded", "/cache")
            raise RuntimeError("the fit failed")
    assert (lib.fit, other.fit, lib.folder) == ("fit", "fit", "/default")


def test_a_name_set_twice_gets_its_first_value_back():
    lib = types.SimpleNamespace(fit="fit")
    with patched([(lib, "fit", "one"), (lib, "fit", "two")]):
        assert lib.fit == "two"
    assert lib.fit == "fit"
    with patched([]):
        assert lib.fit == "fit"
