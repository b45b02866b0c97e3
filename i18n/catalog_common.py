"""Messages shared by every area."""

MESSAGES: dict[str, tuple[str, str]] = {
    "common.yes": ("是", "Yes"),
    "common.no": ("否", "No"),
}
