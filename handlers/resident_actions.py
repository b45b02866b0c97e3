"""The resident's case buttons: one registry entry per button, as for staff (``staff_actions``).

Who may press: only the case's own resident (checked in ``resident.case_button``); the states
come from the entry. A staff member pressing one of these codes is refused by its presence here.
"""

from __future__ import annotations

from handlers import followup, resident_cases
from handlers.actions import Action, Actions
from vocab import OPEN_STATES

RESIDENT = Actions(
    Action("v", resident_cases.view, "btn.view", who="resident"),
    Action("wd", resident_cases.ask_withdraw, "btn.withdraw", OPEN_STATES, who="resident",
           refused="resident.cannot_withdraw"),
    Action("wdy", resident_cases.withdraw, None, OPEN_STATES, who="resident", refused="resident.cannot_withdraw"),
    Action("wdn", resident_cases.keep, None, who="resident"),
    Action("sv", followup.survey_answer, None, who="resident"),
    Action("ag", followup.agreement_answer, None, who="resident"),
)
