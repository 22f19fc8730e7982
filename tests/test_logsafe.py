import logging

import pytest

from kiosk.logsafe import WhitelistFilter
from kiosk.workflow.case import Step


def emit(caplog: pytest.LogCaptureFixture, message: str, *args: object,
         exc: BaseException | None = None) -> str:
    logger = logging.getLogger("kiosk.test")
    caplog.handler.addFilter(WhitelistFilter())
    with caplog.at_level(logging.INFO, logger="kiosk.test"):
        if exc is None:
            logger.info(message, *args)
        else:
            try:
                raise exc
            except type(exc):
                logger.exception(message, *args)
    return caplog.records[-1].getMessage() + (caplog.text or "")


def test_case_codes_steps_and_numbers_pass(caplog: pytest.LogCaptureFixture) -> None:
    text = emit(caplog, "case %s: %s quality %d", "HK01-20261125-0001", Step.IDENTIFIED, 87)
    assert "HK01-20261125-0001" in text and "identified" in text and "87" in text


def test_personal_data_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    text = emit(caplog, "looked up %s, %s", "Nguyễn Văn Bình", "001096012345")
    assert "Nguyễn" not in text and "001096012345" not in text
    assert text.count("<redacted>") >= 2


def test_exception_text_is_reduced_to_its_type(caplog: pytest.LogCaptureFixture) -> None:
    text = emit(caplog, "lookup failed", exc=ValueError("Không tìm thấy 001096012345"))
    assert "001096012345" not in text and "ValueError" in text


def test_the_kind_of_an_error_passes_as_its_class_name(caplog: pytest.LogCaptureFixture) -> None:
    from sqlalchemy.exc import IntegrityError  # noqa: PLC0415

    text = emit(caplog, "stopped: %s caused by %s", IntegrityError, "IntegrityError Bình")
    assert "stopped: IntegrityError caused by <redacted>" in text
