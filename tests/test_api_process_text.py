"""``comity.process_text``: bad input is a clear IngestError before anything is analysed."""

from __future__ import annotations

import pytest

from comity import process_text
from comity.errors import IngestError


@pytest.mark.parametrize("date", ["inferred", "2024-13-45", "next Tuesday", ""])
def test_a_date_that_is_no_date_is_an_error_naming_it(date: str) -> None:
    with pytest.raises(IngestError, match="date") as caught:
        process_text("Japan met China on Monday.", date=date)
    assert repr(date) in str(caught.value)


def test_a_date_in_another_written_form_is_read_as_the_cli_reads_it() -> None:
    result = process_text("Japan met China on Monday.", date="18 June 2024")
    assert result.article.publication_date == "2024-06-18"
    assert result.events and result.events[0].date == "2024-06-17"


def test_an_empty_text_is_an_error() -> None:
    with pytest.raises(IngestError, match="cannot process"):
        process_text("   ")
