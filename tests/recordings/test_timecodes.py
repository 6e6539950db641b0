import pytest
from django.core.exceptions import ValidationError

from recordings.timecodes import seconds_to_timecode, timecode_to_seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:00", 0), ("05:30", 330), ("5:30", 330), ("59:59", 3599), ("1:02:03", 3723), ("12:00:00", 43200), (" 07:05 ", 425)],
)
def test_valid_timecodes(text: str, seconds: int) -> None:
    assert timecode_to_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "5", "5:3", "05:60", "1:60:00", "abc", "1:2:3:4", "-1:00", "05：30", "123:00:00"])
def test_invalid_timecodes_give_a_chinese_message(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        timecode_to_seconds(text)
    assert "时间格式" in error.value.messages[0] or "不能超过 59" in error.value.messages[0]


@pytest.mark.parametrize("seconds", [0, 59, 60, 330, 3599, 3600, 3723, 43200])
def test_round_trip(seconds: int) -> None:
    assert timecode_to_seconds(seconds_to_timecode(seconds)) == seconds
