import csv
import io

import pytest

from verdicts.store.subscribers import SubscriberFileError, export_csv, import_csv, set_status


def test_import_then_export_round_trip(store):
    text = "email,name\nAda@Example.COM,Ada\nbob@example.com,Bob\nada@example.com,dup\n"
    with store.transaction() as s:
        r = import_csv(s, text)
    assert (r.rows, r.added) == (2, 2)
    with store.transaction() as s:
        rows = list(csv.DictReader(io.StringIO("".join(export_csv(s)))))
    assert {(x["email"], x["status"], x["consent_source"]) for x in rows} == {
        ("Ada@example.com", "active", "import"),
        ("bob@example.com", "active", "import"),
    }


def test_bad_address_names_the_line_and_imports_nothing(store):
    with pytest.raises(SubscriberFileError, match="line 3"), store.transaction() as s:
        import_csv(s, "email\nok@example.com\nnot-an-address\n")
    with store.transaction() as s:
        assert "".join(export_csv(s)).count("\n") == 1  # header only


def test_import_never_resubscribes_someone_who_left(store):
    with store.transaction() as s:
        import_csv(s, "email\nleft@example.com\n")
        set_status(s, "left@example.com", "unsubscribed")
    with store.transaction() as s:
        r = import_csv(s, "email,status\nleft@example.com,active\n")
    assert r.unchanged == 1
    with store.transaction() as s:
        assert "unsubscribed" in "".join(export_csv(s))


def test_missing_email_column(store):
    with pytest.raises(SubscriberFileError, match="email"), store.transaction() as s:
        import_csv(s, "address\nx@example.com\n")
