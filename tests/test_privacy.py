"""保密审查: personal numbers pasted into notices are found, masked, and can be allowed with a reason."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from govdisclose.cli import main
from govdisclose.rules.privacy import find_personal_numbers, id_check_digit, is_resident_id, luhn_valid, mask

from .conftest import evaluate_site, notice_md


def make_id(body17: str) -> str:
    return body17 + id_check_digit(body17)


VALID_ID = make_id("11010519491231002")  # the GB 11643 example: 11010519491231002X
assert VALID_ID == "11010519491231002X"
VALID_CARD = "6222020200112233446"  # 19 digits


def test_card_fixture_is_luhn_valid():
    assert luhn_valid(VALID_CARD)
    assert not luhn_valid(VALID_CARD[:-1] + "7")


def kinds(text):
    return [(n.rule, n.digits) for n in find_personal_numbers(text)]


def test_resident_id_with_valid_check_digit_is_found():
    assert kinds(f"申请人身份证号:{VALID_ID}。") == [("pii-id-number", VALID_ID)]


def test_id_with_wrong_check_digit_or_impossible_birth_date_is_not_an_id():
    assert not is_resident_id(VALID_ID[:-1] + "5")
    bad_date = make_id("11010519491331002")  # month 13
    assert not is_resident_id(bad_date)


def test_mobile_numbers_in_common_spellings():
    for text in ("联系人手机13812345678", "手机:138-1234-5678", "电话 +86 138 1234 5678"):
        assert kinds(text) == [("pii-mobile", "13812345678")], text


def test_office_landlines_and_document_numbers_are_fine():
    text = "联系电话:0379-63265074,63265074;示政办〔2026〕20号;索引号 006630001/2026-00012;金额 12345678.90 元"
    assert kinds(text) == []


def test_bank_card_with_or_without_spaces():
    assert kinds(f"收款账号 {VALID_CARD}") == [("pii-bank-card", VALID_CARD)]
    spaced = "6222 0202 0011 2233 446"
    assert kinds(f"账号:{spaced}") == [("pii-bank-card", VALID_CARD)]
    assert kinds("订单号 6222020200112233447") == []  # not Luhn-valid


def test_mask_never_shows_the_middle():
    assert mask(VALID_ID) == "110105********002X"
    assert mask("13812345678") == "138****5678"


@given(st.text(alphabet="0123456789 -:,。号电话", max_size=60))
def test_scanner_never_crashes_and_spans_do_not_overlap(text):
    numbers = list(find_personal_numbers(text))
    assert [n.offset for n in numbers] == sorted(n.offset for n in numbers)
    for number in numbers:
        assert number.rule in {"pii-id-number", "pii-mobile", "pii-bank-card"}


@given(st.from_regex(r"\A[1-6]\d{5}(19[5-9]\d|20[01]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}\Z"))
def test_every_valid_id_is_found_in_prose(body17):
    number = make_id(body17)
    assert kinds(f"经办人身份证{number}号") == [("pii-id-number", number)]


def test_check_reports_masked_numbers_at_their_line(make_site, capsys):
    body = f"第一行。\n申请人手机:13912345678\n身份证:{VALID_ID}\n"
    root = make_site({"content/a.md": notice_md(item="gov-01", published="2026-11-20", body=body)})
    status = main(["check", "--site", str(root), "--today", "2026-11-25", "--format", "json"])
    out = capsys.readouterr().out
    assert status == 1
    assert VALID_ID not in out and "13912345678" not in out
    found = {(f["rule"], f["line"]) for f in json.loads(out)["findings"] if f["rule"].startswith("pii-")}
    assert found == {("pii-mobile", 7), ("pii-id-number", 8)}


def test_a_number_can_be_allowed_with_a_reason(make_site):
    extra = {"pii_allow": '[{value: "138-1234-5678", reason: "公开的热线转接专号,经保密审查同意"}]'}
    root = make_site(
        {
            "content/a.md": notice_md(item="gov-01", published="2026-11-20", body="服务专线 13812345678", **extra),
        }
    )
    assert not [f for f in evaluate_site(root, "2026-11-25").findings if f.rule.startswith("pii-")]
