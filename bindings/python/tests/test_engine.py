# SPDX-License-Identifier: Apache-2.0
"""Opening, closing and reopening engines, in memory and on SQLite files."""

import ctypes
import gc
import inspect
import os
import shutil
import tempfile

import pytest

import crm


def test_an_engine_in_memory_starts_empty(engine, customer_count):
    assert customer_count() == 0
    assert engine.path is None
    assert not engine.closed


def test_a_sqlite_engine_keeps_its_data_across_reopening(db_path):
    with crm.Engine(db_path, region="GB") as first:
        ada = first.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
        first.log_purchase(ada["id"], 1799, "GBP")
    assert db_path.exists()
    with crm.Engine(str(db_path), region="GB") as second:
        found = second.find_customer_by_phone("0044 20 7946 0018")
        assert found == ada
        assert [i["amount"] for i in second.history(ada["id"])] == [{"minor": 1799, "currency": "GBP"}]


def test_a_read_only_engine_reads_and_refuses_writes(db_path):
    with crm.Engine(db_path, region="GB") as writer:
        writer.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
    with crm.Engine(db_path, region="GB", read_only=True) as reader:
        assert reader.read_only
        assert reader.find_customer_by_phone("020 7946 0018")["display_name"] == "Ada"
        with pytest.raises(crm.PermissionDenied, match="read-only"):
            reader.create_customer({"display_name": "Bob"})
        assert [c["display_name"] for c in reader.list_customers()] == ["Ada"]


def test_read_only_opens_a_file_in_a_directory_it_cannot_write_to():
    base = tempfile.mkdtemp()  # not under pytest's tmp_path, which other users cannot enter
    os.chmod(base, 0o755)
    folder = os.path.join(base, "kiosk")
    os.mkdir(folder)
    path = os.path.join(folder, "crm.db")
    with crm.Engine(path, region="GB") as eng:
        eng.create_customer({"display_name": "Ada"})
    os.chmod(folder, 0o555)
    try:
        pid = os.fork()
        if pid == 0:  # the child: a user the directory does not let write
            code = 1
            try:
                if os.geteuid() == 0:
                    os.setgid(65534)
                    os.setuid(65534)
                with crm.Engine(path, region="GB", read_only=True) as reader:
                    code = 0 if [c["display_name"] for c in reader.list_customers()] == ["Ada"] else 2
            except Exception as e:  # noqa: BLE001 - reported by the exit code
                print(repr(e), flush=True)
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(base)


def test_read_only_refuses_a_missing_file(db_path):
    with pytest.raises(crm.NotFound, match="no such file"):
        crm.Engine(db_path, read_only=True)
    assert not db_path.exists()


def test_read_only_needs_a_path():
    with pytest.raises(crm.InvalidArgument, match="read_only needs a path"):
        crm.Engine(read_only=True)


def test_normal_durability_is_accepted(db_path):
    with crm.Engine(db_path, durability="normal") as eng:
        assert eng.create_customer({"display_name": "Ada"})["id"] > 0


def test_an_unknown_durability_is_refused():
    with pytest.raises(crm.InvalidArgument, match="durability 'fast': expected 'full' or 'normal'"):
        crm.Engine(durability="fast")


def test_a_larger_page_cache_is_accepted(db_path):
    with crm.Engine(db_path, page_cache_mib=16) as eng:
        ada = eng.create_customer({"display_name": "Ada"})
    with crm.Engine(db_path, page_cache_mib=1) as eng:
        assert eng.get_customer(ada["id"]) == ada


@pytest.mark.parametrize("bad", [-1, 2**20 + 1])
def test_a_page_cache_out_of_range_is_refused_and_no_file_is_made(db_path, bad):
    with pytest.raises(crm.InvalidArgument, match=f"page_cache_mib {bad} is not between 0 and"):
        crm.Engine(db_path, page_cache_mib=bad)
    assert not db_path.exists()


def test_an_engine_in_memory_checks_the_page_cache_too():
    with pytest.raises(crm.InvalidArgument, match="page_cache_mib -1 is not between 0 and"):
        crm.Engine(page_cache_mib=-1)


def test_a_page_cache_beyond_int64_is_refused_before_the_library_sees_it():
    with pytest.raises(crm.InvalidArgument, match="page_cache_mib 1180591620717411303424: out of range"):
        crm.Engine(page_cache_mib=2**70)
    with pytest.raises(TypeError, match="page_cache_mib must be an int"):
        crm.Engine(page_cache_mib="lots")


def test_an_unknown_region_is_refused():
    with pytest.raises(crm.InvalidArgument) as caught:
        crm.Engine(region="XX")
    assert caught.value.message.startswith("crm_engine_open: ")
    assert "XX" in caught.value.message


def test_region_none_means_the_library_default_us():
    with crm.Engine(region=None) as eng:
        sam = eng.create_customer({"display_name": "Sam", "phones": ["(415) 555-2671"]})
    assert sam["phones"] == ["+14155552671"]


def test_an_engine_given_no_region_takes_the_library_default():
    # Engine() passes NULL, so the region is the library's (crm_options_init),
    # the one C and the crm tool use: no second spelling in Python.
    with crm.Engine() as eng:
        sam = eng.create_customer({"display_name": "Sam", "phones": ["(415) 555-2671"]})
    assert sam["phones"] == ["+14155552671"]


def test_busy_timeout_and_action_limit_default_to_the_librarys():
    options = crm._native.Options()
    crm._native.lib.crm_options_init(ctypes.byref(options), ctypes.sizeof(options))
    assert (options.busy_timeout_ms, options.workflow_action_limit) == (5000, 2000)
    signature = inspect.signature(crm.Engine.__init__).parameters
    # None keeps crm_options_init's values rather than spelling them again.
    assert signature["busy_timeout_ms"].default is None
    assert signature["workflow_action_limit"].default is None
    assert signature["region"].default is None
    with crm.Engine(busy_timeout_ms=None, workflow_action_limit=None) as eng:
        assert eng.create_customer({"display_name": "Sam"})["id"] > 0


def test_a_file_that_is_not_a_crm_database_is_corrupt_and_left_alone(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list: tea, milk\n")
    with pytest.raises(crm.Corrupt):
        crm.Engine(notes)
    assert notes.read_text() == "shopping list: tea, milk\n"


def test_a_path_with_a_nul_is_refused(tmp_path):
    with pytest.raises(crm.InvalidArgument, match="contains a NUL character"):
        crm.Engine(str(tmp_path / "a\0b.db"))


def test_a_path_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="path must be"):
        crm.Engine(42)


def test_the_context_manager_closes_the_engine(db_path):
    with crm.Engine(db_path) as eng:
        pass
    assert eng.closed
    with pytest.raises(crm.Closed):
        eng.get_customer(1)


def test_a_closed_engine_refuses_every_call_with_the_library_message(engine, ada):
    engine.close()
    engine.close()  # closing twice is allowed
    assert engine.closed
    with pytest.raises(crm.Closed) as caught:
        engine.get_customer(ada["id"])
    assert caught.value.message == "crm_customer_get: the engine is closed"
    assert caught.value.status.name == "CRM_CLOSED"
    calls = [
        lambda: engine.create_customer({"display_name": "Bob"}),
        lambda: engine.update_customer(ada),
        lambda: engine.find_customer_by_phone("020 7946 0018"),
        lambda: engine.find_customer_by_email("ada@example.com"),
        lambda: engine.find_customer_by_external_id("ERP-1"),
        lambda: engine.customer_page(),
        lambda: list(engine.list_customers()),
        lambda: engine.log_purchase(ada["id"], 100, "GBP"),
        lambda: engine.log_interaction({"customer_id": ada["id"], "kind": "call"}),
        lambda: engine.get_interaction(1),
        lambda: list(engine.history(ada["id"])),
        lambda: engine.create_lead({"display_name": "Grace"}),
        lambda: engine.get_lead(1),
        lambda: list(engine.list_leads()),
        lambda: engine.create_opportunity({"name": "deal", "customer_id": ada["id"]}),
        lambda: engine.get_opportunity(1),
        lambda: list(engine.list_opportunities()),
        lambda: engine.transaction(),
    ]
    for call in calls:
        with pytest.raises(crm.Closed):
            call()


def test_the_repr_says_where_and_whether_open(db_path):
    eng = crm.Engine(db_path, region="GB")
    assert repr(eng) == f"<crm.Engine path={str(db_path)!r} region='GB'>"
    eng.close()
    assert repr(eng).endswith(" closed>")
    with crm.Engine() as mem:  # region None: the library's default, not spelt here
        assert repr(mem) == "<crm.Engine in memory region=None>"


def test_an_engine_dropped_without_close_is_freed_and_its_data_kept(db_path):
    eng = crm.Engine(db_path)
    eng.create_customer({"display_name": "Ada"})
    free = eng._free
    del eng
    gc.collect()
    assert not free.alive  # crm_engine_free has run
    with crm.Engine(db_path, read_only=True) as again:
        assert [c["display_name"] for c in again.list_customers()] == ["Ada"]


def test_phone_check_possible_stores_a_number_valid_refuses():
    # "(415) 555-2671" read in GB: the length of a British number, in no British range.
    customer = {"display_name": "Sam", "phones": ["(415) 555-2671"]}
    with crm.Engine(region="GB") as strict:
        with pytest.raises(crm.InvalidArgument, match="not a valid number"):
            strict.create_customer(customer)
    with crm.Engine(region="GB", phone_check="possible") as lenient:
        assert lenient.create_customer(customer)["phones"] == ["+444155552671"]


def test_an_unknown_phone_check_is_refused():
    with pytest.raises(crm.InvalidArgument, match="phone_check 'loose': expected 'valid' or 'possible'"):
        crm.Engine(phone_check="loose")
