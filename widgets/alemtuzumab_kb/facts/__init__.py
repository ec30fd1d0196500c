"""Load and validate the clinical facts in data/: one schema, unknown and duplicate keys rejected.

Every clinical number in the project lives in data/*.yaml. This package is the only reader: pages,
calculators and tests get their facts from `load_facts()` (and the other loaders), never from a
literal in code. Its modules follow data/ and build on one another in one direction:

- `claims`: sources, topics and questions, strengths, claims (data/sources.yaml, topics.yaml,
  strengths.yaml, claims/);
- `currency`: whether each source still applies, by topic, and each question's answer in short
  (data/currency.yaml, answers.yaml);
- `discrepancies`: discrepancies and the timeline, which cite claims;
- `loader`: all of the above read at once and cross-checked (`load_facts`);
- `trials`: the trials' published figures and what the sources state of them (data/trials.yaml);
- `rules`: what every file of data/rules/ shares (values as prose or durations, rule texts);
- `washout`, `contraception`, `schedule`: data/therapies.yaml and the three rule files;
- `references`: what the book's build checks beyond the schema (citation keys, chapter labels).

The reading itself (YAML, places of faults, the number types) is `alemtuzumab_kb.data_files`.
Every name callers use is importable from here: ``from alemtuzumab_kb.facts import load_facts``.
"""

from alemtuzumab_kb.data_dir import DATA
from alemtuzumab_kb.data_files import (
    DataDate,
    Number,
    Place,
    Span,
    Strict,
    parse_records,
    read_yaml,
    shown,
    yaml_line,
)
from alemtuzumab_kb.errors import DataError
from alemtuzumab_kb.facts.claims import (
    Claim,
    Question,
    Reading,
    Source,
    Strength,
    StrengthLevel,
    Topic,
    Value,
)
from alemtuzumab_kb.facts.contraception import (
    ContraceptionRules,
    CourseRules,
    FollowUpEntry,
    FollowUpItem,
    load_contraception_rules,
)
from alemtuzumab_kb.facts.currency import (
    NOT_CURRENT,
    Answer,
    Sentence,
    SourceCurrency,
    Standing,
    Status,
)
from alemtuzumab_kb.facts.discrepancies import (
    Discrepancy,
    DiscrepancyKind,
    Reason,
    Reference,
    TimelineEvent,
)
from alemtuzumab_kb.facts.loader import Facts, Origins, RecordFault, load_facts, record_place
from alemtuzumab_kb.facts.references import reference_faults
from alemtuzumab_kb.facts.rules import (
    PLACEHOLDER,
    UNITS,
    RuleText,
    claim_durations,
    fill_placeholders,
    fill_rule_text,
    format_value,
    value_durations,
)
from alemtuzumab_kb.facts.schedule import (
    ScheduleAnchor,
    ScheduleDue,
    ScheduleEventRule,
    ScheduleInfusions,
    ScheduleKind,
    ScheduleRepeat,
    ScheduleRules,
    load_schedule_rules,
)
from alemtuzumab_kb.facts.trials import (
    STATED_QUESTION,
    ArmSize,
    Estimate,
    Percent,
    PublishedResults,
    PValue,
    Ratio,
    Stated,
    StatedFigure,
    StatedForm,
    Trial,
    TrialArm,
    load_trials,
)
from alemtuzumab_kb.facts.washout import (
    Therapy,
    WashoutRule,
    WashoutRules,
    load_therapies,
    load_washout_rules,
    normalise_name,
)

__all__ = [
    "DATA",
    "NOT_CURRENT",
    "PLACEHOLDER",
    "STATED_QUESTION",
    "UNITS",
    "Answer",
    "ArmSize",
    "Claim",
    "ContraceptionRules",
    "CourseRules",
    "DataDate",
    "DataError",
    "Discrepancy",
    "DiscrepancyKind",
    "Estimate",
    "Facts",
    "FollowUpEntry",
    "FollowUpItem",
    "Number",
    "Origins",
    "PValue",
    "Percent",
    "Place",
    "PublishedResults",
    "Question",
    "Ratio",
    "Reading",
    "Reason",
    "RecordFault",
    "Reference",
    "RuleText",
    "ScheduleAnchor",
    "ScheduleDue",
    "ScheduleEventRule",
    "ScheduleInfusions",
    "ScheduleKind",
    "ScheduleRepeat",
    "ScheduleRules",
    "Sentence",
    "Source",
    "SourceCurrency",
    "Span",
    "Standing",
    "Stated",
    "Status",
    "StatedFigure",
    "StatedForm",
    "Strength",
    "StrengthLevel",
    "Strict",
    "Therapy",
    "TimelineEvent",
    "Topic",
    "Trial",
    "TrialArm",
    "Value",
    "WashoutRule",
    "WashoutRules",
    "claim_durations",
    "fill_placeholders",
    "fill_rule_text",
    "format_value",
    "load_contraception_rules",
    "load_facts",
    "load_schedule_rules",
    "load_therapies",
    "load_trials",
    "load_washout_rules",
    "normalise_name",
    "parse_records",
    "read_yaml",
    "record_place",
    "reference_faults",
    "shown",
    "value_durations",
    "yaml_line",
]
