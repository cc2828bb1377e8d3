"""What the demo's Regulation 44 visitor and home managers wrote: findings, recommendations,
incidents and Regulation 40 notifications. Children appear by first name or initials only."""

# This month's visit to each in-house home: a submitted report, a draft still being written,
# or no visit yet (the home the reg44_visit_due check flags from the 20th).
THIS_MONTH = {"SG": "submitted", "SS": "draft", "TH": "none", "WH": "submitted",
              "MI": "submitted", "MST": "submitted", "CN": "submitted", "SEC": "submitted",
              "BR": "submitted"}  # fmt: skip
# The demo visitor's homes also have a submitted report for each of the months before.
WITH_HISTORY = ("SS", "TH", "SG")
MONTHS_BACK = 5
# The one action left open past its due date: (home, months ago).
OVERDUE_ACTION = ("TH", 2)
# The home whose visit of last month is written up but not yet submitted, past the report's
# deadline, so the visitor has a late report to finish on any day of the month.
LATE_REPORT = "TH"

FINDINGS = {
    "quality_purpose": [
        "Staff know each child's plan well and could say how the day's routine serves it.",
        "The statement of purpose is current and the home is working within it.",
    ],
    "wishes_feelings": [
        "Children said they are listened to at house meetings; two asked for later bedtimes "
        "at weekends and this has been agreed.",
        "Children's views are recorded in their plans, but one child did not know who their "
        "independent reviewing officer is.",
    ],
    "education": [
        "All children of school age are on a school roll; attendance this month is above 90%.",
        "One child is on a reduced timetable; the plan to increase it is not yet dated.",
    ],
    "enjoyment": [
        "Children spoke warmly of the climbing club and the weekend trip to Whitby.",
    ],
    "health": [
        "Health assessments are up to date. Medication records were accurate and signed.",
        "A dental check is overdue for one child; an appointment has been booked.",
    ],
    "relationships": [
        "Family time is well supported; staff drive children to contact each week.",
        "Staff relationships with children are warm and consistent.",
    ],
    "protection": [
        "Missing-from-care episodes were reported promptly and return interviews were held.",
        "Restraint records were complete, with a debrief for the child each time.",
    ],
    "leadership": [
        "Supervision is up to date for all staff. Two posts are vacant and covered by regular "
        "bank staff.",
        "The manager has a clear view of the home's strengths and weaknesses.",
    ],
    "care_planning": [
        "Placement plans are on file and signed for every child.",
        "One child's risk assessment was not updated after a recent incident.",
    ],
}

RECOMMENDATIONS = [
    ("protection", "Update the child's risk assessment after each missing episode and record "
                   "the review date."),
    ("education", "Agree a dated plan with the school to return the child to a full timetable."),
    ("leadership", "Fill the two vacant posts or agree regular bank cover for the next quarter."),
    ("health", "Book the overdue dental check and record the appointment."),
    ("wishes_feelings", "Make sure each child knows who their independent reviewing officer is "
                        "and how to contact them."),
    ("care_planning", "File the signed placement plan for the most recent admission."),
    ("quality_purpose", "Review the statement of purpose before the next Ofsted inspection."),
]  # fmt: skip

EVIDENCE = [
    "Risk assessment updated and signed; seen by the visitor.",
    "Timetable agreed with the school; copy on the child's file.",
    "Two permanent staff started this month; rota attached.",
    "Appointment letter on file; check completed.",
    "Each child given the IRO's card; discussed at the house meeting.",
]

RESPONSE_IN_PROGRESS = "In hand: raised with the team and due to be finished this month."

# (home, days ago, kind, summary) for the home's incident log; initials are added from the
# children living there on the day.
INCIDENTS = [
    ("SS", 12, "missing", "Did not return from college; found by police at a friend's house."),
    ("SS", 40, "restraint", "Held briefly to stop harm to another child; debriefed the next day."),
    ("SS", 75, "damage", "Bedroom window broken after an argument on the phone."),
    ("SS", 130, "complaint", "Complaint about the food; menu changed after a house meeting."),
    ("SS", 160, "missing", "Missing overnight; returned by the police, return interview held."),
    ("TH", 20, "self_harm", "Minor self-harm; first aid given, CAMHS informed."),
    ("TH", 65, "missing", "Out past curfew for four hours; returned on their own."),
    ("TH", 110, "complaint", "Complaint about a member of staff; investigated and resolved."),
    ("TH", 150, "restraint", "Guided away from a fight in the lounge; no injury."),
    ("SG", 35, "missing", "Late back from family time; returned by taxi with the parent."),
    ("SG", 100, "other", "Fire alarm activated by cooking; premises checked."),
]
# (home, days ago, event, summary, others told)
REG40 = [
    ("SS", 12, "police", "Police involved in finding a child missing overnight.",
     "Police and parent told the same evening."),
    ("TH", 110, "allegation", "Allegation against a member of staff; LADO consulted.",
     "Local authority designated officer told the next day."),
    ("SG", 150, "cp_enquiry", "Child protection enquiry started after a disclosure at school.",
     "Children's social care and the school told the same day."),
]  # fmt: skip

REG45 = {
    "children_views": "Children said they feel safe and that staff listen; they want more say "
    "in activities at weekends.",
    "manager_assessment": "Admissions were well planned and most children moved on as their "
    "plans intended. Missing episodes fell over the period. Staffing was stretched in the summer.",
    "improvement_plan": "1. Recruit two permanent residential workers by March.\n"
    "2. Return interviews within 72 hours of every missing episode.\n"
    "3. A monthly children's meeting to plan weekend activities.",
}
