"""The curriculum's content model: one pydantic class per thing an editor writes.

These classes are the single source of truth: they validate the YAML, type the data the
templates receive, and generate the JSON Schema editors get autocompletion from.
Strict on purpose: an unknown key (a typo) is an error, and text must be text, so a YAML
surprise such as `No` turning into false is caught instead of printed as "False".

Audience lives in the structure: a session's `facilitator:` part is facilitator-only,
its `client:` part is what people in the program read; everything else is shared.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
"""Plain or Markdown text; never empty, and short enough to read (a reading is ~3,000)."""
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2_000)]

SegmentKind = Literal[
    "check-in", "teach", "discussion", "activity", "practice", "break", "review", "check-out",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- program.yml -------------------------------------------------------------------------

class Contact(Strict):
    method: Literal["call", "text", "chat", "tty", "web"] = Field(
        description="How to reach it: call and tty become tel: links, text an sms: link, "
                    "chat and web a web address.")
    value: Text = Field(description="The number or address, e.g. 988 or https://988lifeline.org")

    @property
    def dialed(self) -> str:
        """What a phone dials for this number: its digits (and a leading +)."""
        return "".join(ch for ch in self.value if ch.isdigit() or ch == "+")


class CrisisResource(Strict):
    name: Text
    when: Text = Field(description="When to use it, in one plain sentence.")
    contacts: list[Contact] = Field(min_length=1)
    kind: Literal["emergency", "crisis", "treatment"] = Field(
        default="crisis", description="emergency (911: listed first), crisis (crisis lines) "
                                      "or treatment (finding treatment and support).")


class GlossaryEntry(Strict):
    term: Text = Field(description="As clients meet it, e.g. IOP or naloxone.")
    definition: Text = Field(description="A plain explanation, one or two short sentences.")
    aliases: list[Text] = Field(default_factory=list,
                                description="Other spellings that mean the same, e.g. Narcan.")


class LocalFacts(Strict):
    """What only the program can say. Lint warns while one is unset; pages show each where
    it belongs once it is set."""

    after_hours: CrisisResource | None = Field(
        default=None, description="The program's own number out of hours (Get help page).")
    naloxone_on_site: Text | None = Field(
        default=None, description="Where naloxone is kept at the program (Get help page).")
    reporting_rules: Text | None = Field(
        default=None, description="The state's mandated reporting rules, as staff follow "
                                  "them (Facilitator Guide home).")
    meeting_lists: Text | None = Field(
        default=None, description="Where to find local mutual-help meetings (Get help page).")
    where_groups_meet: Text | None = Field(
        default=None, description="The address and room, with how to get in (Your first "
                                  "group page).")
    if_you_miss_group: Text | None = Field(
        default=None, description="Whom to tell, and how, when a client cannot come (Your "
                                  "first group page).")


class SafetyProtocol(Strict):
    """What a facilitator does when something happens in group (a disclosure, someone who
    has used today): one page of the guide, linked from every plan's safety notes."""

    id: Id
    title: Text = Field(description='What happened, e.g. "Someone says they are thinking '
                                    'of suicide".')
    when: Text = Field(description="When this applies, in one sentence.")
    say: list[Text] = Field(default_factory=list, description="Words a facilitator can use.")
    steps: list[Text] = Field(min_length=2, description="What to do, in order.")


class GroupAgreement(Strict):
    title: Text
    text: Text


class HoursPerWeek(Strict):
    min: float = Field(gt=0, le=60)
    max: float = Field(gt=0, le=60)


class FocusArea(Strict):
    id: Id
    label: Text = Field(description="How the guide names it, e.g. \"Relapse prevention\".")


class Language(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")] = Field(
        description="The language's code, e.g. es; its translations are in locale/<code>.po.")
    name: Text = Field(description='The language named in itself, e.g. "Español".')
    draft: bool = Field(
        default=False, description="true while translating: an incomplete translation is "
                                   "then a warning, not an error, and is not published.")


class Program(Strict):
    id: Id = Field(description="Names this program's saved answers on a client's device, so "
                               "two programs on one web address never mix them. Never change "
                               "it once clients use the workbook.")
    name: Text
    description: Text
    level_of_care: Text
    disclaimer: Text
    focus_areas: list[FocusArea] = Field(
        min_length=1, description="The program's focus areas, in the order the sites list "
                                  "their modules; each module names one by id.")
    module_order: list[Id] = Field(
        default_factory=list, description="Module ids in the order the sites show them; "
                                          "modules not listed follow, by focus area.")
    time_zone: Text = Field(description="IANA time zone of the program, e.g. America/Chicago; "
                                        "calendars are written in it.")
    hours_per_week: HoursPerWeek = Field(
        default=HoursPerWeek(min=9, max=19),
        description="The dose every track must give. ASAM Level 2.1 for adults: 9 to 19 "
                    "hours a week (adolescents: 6 to 19).")
    holidays: list[dt.date] = Field(default_factory=list,
                                    description="Dates with no groups; dated calendars skip them.")
    crisis_resources: list[CrisisResource] = Field(min_length=1)
    group_agreements: list[GroupAgreement] = Field(min_length=1)
    safety_protocols: list[SafetyProtocol] = Field(
        default_factory=list, description="The program's protocols for disclosures and "
                                          "safety in group (a guide page).")
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, description="Terms the workbook explains where clients meet them.")
    local_facts: LocalFacts = Field(default_factory=LocalFacts)
    languages: list[Language] = Field(
        default_factory=list, description="The Client Workbook's languages besides English "
                                          "(`iopkit i18n update` makes their PO files).")
    paper_size: Literal["letter", "a4"] = Field(
        default="letter",
        description="The paper the printed documents (site/pdf/: the facilitator manual, "
                    "client handouts, weeks at a glance) are laid out for: letter (US) or a4.")
    quick_exit_url: WebAddress = Field(
        default="https://www.google.com/",
        description="Where a sensitive session's Quick exit button (and Escape pressed twice) "
                    "takes the reader: an everyday page that draws no attention. The "
                    "workbook page is replaced, so Back does not return to it.")


# --- modules/<id>/module.yml ------------------------------------------------------------

class Reference(Strict):
    authors: Text
    year: int = Field(ge=1900, le=2100)
    title: Text
    published_in: Text = Field(description="Journal, publisher or agency.")
    url: Text | None = None


class Module(Strict):
    id: Id
    title: Text
    focus_area: Id = Field(description="The id of one of program.yml's focus_areas.")
    summary: Text = Field(description="Two or three sentences a facilitator reads first.")
    client_summary: Text = Field(description="The same in plain words for the workbook.")
    goals: list[Text] = Field(min_length=1)
    # May be empty while a module is drafted; `iopkit lint` reports a module without any.
    references: list[Reference] = Field(default_factory=list)
    last_reviewed: dt.date


# --- modules/<id>/worksheets/<id>.yml ---------------------------------------------------

class FieldBase(Strict):
    id: Id = Field(description="Names the client's saved answer: keep it when the question "
                               "changes; give a new field `replaces` when it must change.")
    label: Text
    help: Text | None = None
    replaces: Id | None = Field(
        default=None, description="The id this field had before, so answers clients saved "
                                  "under it show in this field.")


class TextField(FieldBase):
    type: Literal["text"]
    lines: int = Field(default=3, ge=1, le=20)


class ScaleField(FieldBase):
    type: Literal["scale"]
    low: Text = Field(description="What 0 means, e.g. 'no urge at all'.")
    high: Text = Field(description="What 10 means, e.g. 'the strongest urge I have felt'.")


class ChecklistField(FieldBase):
    type: Literal["checklist"]
    options: list[Text] = Field(min_length=1)


class TableField(FieldBase):
    type: Literal["table"]
    columns: list[Text] = Field(min_length=1, max_length=6)
    rows: int | None = Field(default=None, ge=1, le=20,
                             description="How many rows to fill in (3 if not given).")
    row_labels: list[Text] = Field(
        default_factory=list, max_length=20,
        description="A label for each row, e.g. the days of the week; then each row "
                    "names what it is for, and `rows` is not given.")

    @property
    def row_count(self) -> int:
        return len(self.row_labels) or self.rows or 3


WorksheetField = Annotated[
    TextField | ScaleField | ChecklistField | TableField, Field(discriminator="type")
]


class Worksheet(Strict):
    id: Id
    title: Text
    instructions: Text
    fields: list[WorksheetField] = Field(min_length=1)


# --- modules/<id>/<NN>-<session-id>.yml -------------------------------------------------

class Segment(Strict):
    title: Text
    minutes: int = Field(ge=1, le=240)
    kind: SegmentKind


class TalkingPoint(Strict):
    title: Text
    say: list[Text] = Field(
        min_length=1, description="A few short lines in spoken words: what to get across. "
                                  "The facilitator leads from these.")
    background: Text | None = Field(
        default=None, description="The evidence and detail behind the point, with its "
                                  "sources: folded away on screen, printed in small type.")


class DiscussionQuestion(Strict):
    question: Text
    probes: list[Text] = Field(min_length=1, description="Follow-up questions to go deeper.")
    priority: Literal["core", "optional"] = Field(
        default="core", description="core: ask it in every group; optional: if time allows.")


class CardSet(Strict):
    """Cards a facilitator prints and cuts out (scenarios, themes, problems, word lists)."""

    title: Text = Field(description="What the cards are, e.g. \"Scenario cards\".")
    instructions: Text | None = Field(default=None, description="How the group uses them.")
    cards: list[Text] = Field(min_length=2, description="The text of each card, short.")


class Activity(Strict):
    title: Text
    purpose: Text
    steps: list[Text] = Field(min_length=2)


class FacilitatorNote(Strict):
    kind: Literal["safety", "trauma-informed", "disclosure", "group", "clinical"]
    text: Text


class Adaptation(Strict):
    title: Text = Field(description="For whom or where, e.g. Telehealth.")
    text: Text


class FacilitatorPart(Strict):
    """Facilitator-only: never reaches the Client Workbook."""

    check_in: Text = Field(description="This topic's check-in question: asked in the session's "
                                       "check-in segment, or in the track's check-in block.")
    talking_points: list[TalkingPoint] = Field(min_length=1)
    discussion: list[DiscussionQuestion] = Field(min_length=1)
    activity: Activity
    notes: list[FacilitatorNote] = Field(min_length=1)
    adaptations: list[Adaptation] = Field(min_length=1)
    fidelity_checklist: list[Text] = Field(min_length=1)
    check_out: Text
    cards: list[CardSet] = Field(
        default_factory=list, description="Printable card sets this session's materials "
                                          "call for; each prints as a sheet to cut out.")


class ClientPart(Strict):
    """What people in the program read, in plain words (aim for grade 6)."""

    purpose: Text = Field(description="One plain sentence: what this session is for.")
    reading: Text
    key_points: list[Text] = Field(min_length=1)
    practice: list[Text] = Field(min_length=1, description="Practice for this week.")
    takeaways: list[Text] = Field(min_length=1)


class ClientSession(Strict):
    """A session as the Client Workbook sees it: shared fields and the client part only."""

    id: Id
    title: Text
    minutes: int = Field(ge=15, le=240)
    objectives: list[Text] = Field(min_length=1)
    materials: list[Text] = Field(min_length=1)
    agenda: list[Segment] = Field(min_length=1)
    worksheets: list[Id] = Field(default_factory=list)
    sensitive: bool = Field(
        default=False,
        description="true for a session about abuse, violence or trauma: its workbook page "
                    "gets a Quick exit button (program.yml's quick_exit_url).")
    client: ClientPart


class Session(ClientSession):
    """A session file as written: everything, facilitator part included."""

    facilitator: FacilitatorPart


# --- curriculum/tracks/<id>.yml ----------------------------------------------------------

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = typing.get_args(Weekday)
DayName = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                  "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
BlockKind = Literal["session", "process-group", "check-in", "break", "other"]
WeekList = Annotated[str, StringConstraints(
    pattern=r"^\s*[0-9]+(\s*-\s*[0-9]+)?(\s*,\s*[0-9]+(\s*-\s*[0-9]+)?)*\s*$")]
"""Weeks as written: 3, "1-4", or "1-4, 9, 13-16"."""


def weekday(name: str) -> str:
    """The full weekday name for a day as written (mon or monday)."""
    return next(day for day in WEEKDAYS if day.startswith(name))


class BlockBase(Strict):
    start: ClockTime = Field(description='Clock time, 24-hour, in quotes: "09:15".')
    minutes: int = Field(ge=5, le=240)
    kind: BlockKind
    session: Id | None = Field(default=None, description="The session's id, for kind: session.")
    title: Text | None = Field(default=None, description="A name, required for kind: other.")
    group: Id | None = Field(
        default=None, description="The group or room, when groups meet at the same time "
                                  "(e.g. newcomers, established): blocks may overlap only "
                                  "when they name different groups.")
    phases: list[Id] = Field(
        default_factory=list, description="Only clients in these phases (track's phases: "
                                          "weeks since each client's admission) attend; "
                                          "none: everyone.")


class Block(BlockBase):
    """One block of an explicitly written day."""


class RecurringBlock(BlockBase):
    """A block that repeats: on these days, in these weeks of the cycle."""

    days: list[DayName] = Field(min_length=1, description="e.g. [mon, wed, fri]")
    weeks: WeekList | int | None = Field(
        default=None, description='Weeks of the cycle it runs in, e.g. "1-4" or "5-16"; '
                                  "all weeks if not given.")
    rotate: list[Id] = Field(
        default_factory=list,
        description="For kind: session, the sessions it cycles through, one per time it "
                    "runs: session ids, or module ids (a module gives its sessions in "
                    "order; several modules take turns, session 1 of each, then 2, ...).")


class TrackDay(Strict):
    day: DayName
    blocks: list[Block] = Field(min_length=1)


class TrackWeek(Strict):
    week: WeekList | int = Field(description='A week of the cycle, or weeks: 3, "2-4".')
    days: list[TrackDay] = Field(
        min_length=1, description="Each day listed replaces that day's recurring blocks "
                                  "in these weeks.")


class Phase(Strict):
    id: Id
    title: Text = Field(description='How clients see it, e.g. "Early recovery".')
    weeks: WeekList | int = Field(description='A client\'s own weeks since admission, e.g. "1-4".')
    description: Text | None = Field(default=None,
                                     description="One or two plain sentences for clients.")


class Track(Strict):
    id: Id
    title: Text
    description: Text
    what_to_bring: list[Text] = Field(min_length=1, description="Shown on the client's Your week page.")
    admission: Literal["rolling", "cohort"] = Field(
        default="rolling", description="rolling: a client can start in any week of the cycle; "
                                       "cohort: everyone starts together in week 1.")
    cycle_weeks: int | None = Field(
        default=None, ge=1, le=52, description="Weeks in one cycle, which then starts again "
                                               "(needed with `blocks`; else the weeks listed).")
    client_weeks: int | None = Field(
        default=None, ge=1, le=104, description="How many weeks a client attends; the cycle's "
                                                "length if not given.")
    cycle_start: dt.date | None = Field(
        default=None, description="A date in week 1 of a current cycle: `iopkit schedule "
                                  "--admitted` works out a client's weeks from it.")
    phases: list[Phase] = Field(
        default_factory=list, description="Stages each client goes through, counted from "
                                          "their own admission.")
    blocks: list[RecurringBlock] = Field(default_factory=list,
                                         description="Blocks that repeat (most of a track).")
    weeks: list[TrackWeek] = Field(default_factory=list,
                                   description="Weeks written out day by day; a day listed "
                                               "here replaces that day's recurring blocks.")


# --- the whole curriculum, as later stages see it ---------------------------------------

class SessionEntry(BaseModel):
    """A session with where it came from and which module holds it."""

    model_config = ConfigDict(frozen=True)
    session: Session | ClientSession
    source: str
    module_id: str


class ModuleEntry(BaseModel):
    model_config = ConfigDict(frozen=True)
    module: Module
    source: str
    sessions: list[SessionEntry]


class WorksheetEntry(BaseModel):
    model_config = ConfigDict(frozen=True)
    worksheet: Worksheet
    source: str


class PlannedBlock(BaseModel):
    """A block on one day of the cycle, recurring rules and rotations worked out."""

    model_config = ConfigDict(frozen=True)
    start: str
    minutes: int
    kind: BlockKind
    session: str | None = None
    title: str | None = None
    group: str | None = None
    phases: tuple[str, ...] = ()
    origin: tuple[str | int, ...] = ()  # the YAML path of the block or rule it came from


class PlannedDay(BaseModel):
    model_config = ConfigDict(frozen=True)
    day: Weekday
    blocks: tuple[PlannedBlock, ...]


class PlannedWeek(BaseModel):
    model_config = ConfigDict(frozen=True)
    week: int
    days: tuple[PlannedDay, ...]  # in weekday order; only days with blocks


class TrackEntry(BaseModel):
    model_config = ConfigDict(frozen=True)
    track: Track
    source: str
    weeks: tuple[PlannedWeek, ...] = ()  # every week of the cycle, as it runs

    @property
    def id(self) -> str:
        return self.track.id

    @property
    def title(self) -> str:
        return self.track.title

    @property
    def cycle_length(self) -> int:
        return len(self.weeks)

    @property
    def client_length(self) -> int:
        """How many weeks a client attends."""
        return self.track.client_weeks or len(self.weeks)


class Curriculum(BaseModel):
    model_config = ConfigDict(frozen=True)
    program: Program
    modules: list[ModuleEntry]
    worksheets: dict[str, WorksheetEntry]
    tracks: list[TrackEntry] = Field(default_factory=list)
