"""Code lists from the DfE SSDA903 children-looked-after return (2025-26 collection),
with plain-English labels. Stored values are the DfE codes, so the return can be produced
from the ledger without re-keying.
"""

from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class LegalStatus(models.TextChoices):
    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    J1 = "J1", "Remanded to local authority or youth detention accommodation"
    J2 = "J2", "In local authority accommodation under PACE 1984 (after charge, awaiting court)"
    J3 = "J3", "Youth rehabilitation order with residence or intensive fostering"
    L1 = "L1", "Under police protection"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Child assessment order"
    V2 = "V2", "Single period of accommodation under section 20"
    V3 = "V3", "Series of short breaks (episodes recorded)"
    V4 = "V4", "Short breaks (agreements recorded)"


class CategoryOfNeed(models.TextChoices):
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental illness or disability"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"


class PlacementType(models.TextChoices):
    A3 = "A3", "Placed for adoption with consent, with current foster carer"
    A4 = "A4", "Placed for adoption with consent, not with current foster carer"
    A5 = "A5", "Placed for adoption with placement order, with current foster carer"
    A6 = "A6", "Placed for adoption with placement order, not with current foster carer"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home"
    K3 = "K3", "Registered supported accommodation (16+)"
    P1 = "P1", "Placed with parent(s) or person with parental responsibility"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS or health establishment"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution"
    S1 = "S1", "Residential school"
    T0 = "T0", "Temporary move (all other)"
    T1 = "T1", "Temporary period in hospital"
    T2 = "T2", "Temporary absence on holiday"
    T3 = "T3", "Temporary while foster carer is on holiday"
    T4 = "T4", "Temporary accommodation of seven days or less"
    U1 = "U1", "Foster care with relative or friend, long term"
    U2 = "U2", "Foster care with relative or friend who is an approved adopter (FfA)"
    U3 = "U3", "Foster care with relative or friend, not long term or FfA"
    U4 = "U4", "Foster care with other foster carer, long term"
    U5 = "U5", "Foster care with other foster carer who is an approved adopter (FfA)"
    U6 = "U6", "Foster care with other foster carer, not long term or FfA"
    # 2025-26 split the old Z1 "other placement" in four. The DfE guide's own words for each
    # could not be read here (shared/notes/regulatory.md): the labels say only what is sure.
    Z11 = "Z11", "Other placement not listed elsewhere (Z11)"
    Z12 = "Z12", "Other placement not listed elsewhere (Z12)"
    Z13 = "Z13", "Other placement not listed elsewhere (Z13)"
    Z14 = "Z14", "Other placement not listed elsewhere (Z14)"


class PlacementProvider(models.TextChoices):
    PR0 = "PR0", "Parent(s) or person with parental responsibility"
    PR1 = "PR1", "Council's own provision"
    PR2 = "PR2", "Other local authority"
    PR3 = "PR3", "Other public provision (e.g. health)"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary or third sector provision"


class ReasonNewEpisode(models.TextChoices):
    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer"
    T = "T", "Change of placement, same carer"
    B = "B", "Change of legal status, placement and carer"
    U = "U", "Change of legal status and placement, same carer"


class ReasonEpisodeCeased(models.TextChoices):
    X1 = "X1", "Episode ends and a new one starts the same day"
    E11 = "E11", "Adopted (application unopposed)"
    E12 = "E12", "Adopted (consent dispensed with)"
    E13 = (
        "E13",
        "Left care to live with parent, relative or other person with no parental responsibility",
    )
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment found the child 18 or over"
    E16 = "E16", "Moved abroad"
    E17 = "E17", "Aged 18 or over and stayed with current carers (including Staying Put)"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another local authority"
    E41 = "E41", "Residence or child arrangements order granted"
    E45 = "E45", "Special guardianship order to former foster carers (relative or friend)"
    E46 = "E46", "Special guardianship order to former foster carers (other)"
    E47 = (
        "E47",
        "Special guardianship order to carers other than former foster carers (relative or friend)",
    )
    E48 = "E48", "Special guardianship order to carers other than former foster carers (other)"
    E4A = "E4A", "Returned home to parents as part of the care plan"
    E4B = "E4B", "Returned home to parents, not as part of the care plan"
    E5 = "E5", "Moved to independent living with formal support (including Staying Close)"
    E6 = "E6", "Moved to independent living without formal support"
    E7 = "E7", "Transferred to adult residential care"
    E8 = "E8", "Period of care ended for any other reason"
    E9 = "E9", "Sentenced to custody"


class ReasonPlacementChange(models.TextChoices):
    CARPL = "CARPL", "Change to or carrying out the care plan"
    ALLEG = "ALLEG", "Allegation (section 47)"
    STAND = "STAND", "Concern about standards of care"
    APPRR = "APPRR", "Carer's approval removed"
    CUSTOD = "CUSTOD", "Custody"
    CLOSE = "CLOSE", "Carer resigned or provision closed"
    CREQB = "CREQB", "Carer asked to end it because of the child's behaviour"
    CREQO = "CREQO", "Carer asked to end it for another reason"
    CHILD = "CHILD", "Child asked to end it"
    LAREQ = "LAREQ", "Council asked to end it"
    PLACE = "PLACE", "Change in status of the placement only"
    OTHER = "OTHER", "Other"


# Placement types, grouped by the rules that follow from them (DfE rules 213, 218, 222, 242,
# 375-381, 526): temporary moves, types without an Ofsted URN, types without a provider code.
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
OTHER_PLACEMENTS = frozenset({"Z11", "Z12", "Z13", "Z14"})
NO_PROVIDER_PLACEMENTS = TEMPORARY_PLACEMENTS | OTHER_PLACEMENTS
NO_URN_PLACEMENTS = frozenset({"P1", "P3", "R1", "R2", "R5"}) | NO_PROVIDER_PLACEMENTS
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
KINSHIP_PLACEMENTS = frozenset({"U1", "U2", "U3"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
# The longest a temporary placement may last, in days (rules 375, 376, 379).
TEMPORARY_PLACEMENT_DAYS = {"T1": 42, "T3": 21, "T4": 7}
# A regional adoption agency has no URN of its own (rule 242).
REGIONAL_ADOPTION_AGENCY_URN = "XXXXXXX"
SHORT_BREAK_LEGAL_STATUSES = frozenset({"V3", "V4"})


class ReviewParticipation(models.TextChoices):
    """How the child took part in their looked-after review (REVIEW_CODE)."""

    PN0 = "PN0", "Child under 4 at the time of the review"
    PN1 = "PN1", "Attended and spoke for themselves"
    PN2 = "PN2", "Attended, and an advocate spoke for them"
    PN3 = "PN3", "Attended and conveyed their views without words"
    PN4 = "PN4", "Attended without contributing"
    PN5 = "PN5", "Did not attend, and briefed an advocate to speak for them"
    PN6 = "PN6", "Did not attend, and conveyed their views another way"
    PN7 = "PN7", "Did not attend, and their views were not conveyed"


class SdqReason(models.TextChoices):
    """Why there is no Strengths and Difficulties Questionnaire score (OC2 SDQ_REASON)."""

    SDQ1 = "SDQ1", "No questionnaire: the child was under 4 or over 16 at the assessment"
    SDQ2 = "SDQ2", "The carer refused to complete the questionnaire"
    SDQ3 = "SDQ3", "The child's disability made it impossible to complete"
    SDQ4 = "SDQ4", "Other reason"
    SDQ5 = "SDQ5", "The child refused to let a questionnaire be completed"


class PreviousPermanence(models.TextChoices):
    """What permanence the child had before this period of care (PREV_PERM)."""

    P1 = "P1", "Adoption"
    P2 = "P2", "Special guardianship order"
    P3 = "P3", "Residence order or child arrangements order (to live with)"
    P4 = "P4", "Previous permanence order, but not known which"
    Z1 = "Z1", "No previous permanence order"


class MissingType(models.TextChoices):
    M = "M", "Missing"
    A = "A", "Away from placement without authorisation"


class SocialWorkerChangeReason(models.TextChoices):
    """Why a child's allocated social worker changed (SW_REASON). The DfE guide's wording could
    not be read here; these labels follow the codes' plain meaning."""

    FCONTA = "FCONTA", "First social worker for this child"
    MANAGE = "MANAGE", "Management decision"
    LEFTRL = "LEFTRL", "Social worker left the role"
    ORGRST = "ORGRST", "Organisational restructure"
    TSPROC = "TSPROC", "Moved to another team as the case progressed"
    ABSENC = "ABSENC", "Social worker absent"
    CHCHAN = "CHCHAN", "The child asked for a change"
    PCCHAN = "PCCHAN", "A parent or carer asked for a change"
    SWDIED = "SWDIED", "Social worker died"
    OTHERS = "OTHERS", "Other reason"


class InTouch(models.TextChoices):
    """Whether the council is in touch with a care leaver (OC3 IN_TOUCH)."""

    YES = "YES", "Yes, in touch"
    NO = "NO", "No, not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer needs or wants services"
    RHOM = "RHOM", "Returned home to parents for 6 months or more"


class CareLeaverActivity(models.TextChoices):
    """Education, employment or training (OC3 ACTIV)."""

    F1 = "F1", "Higher education, full time"
    P1 = "P1", "Higher education, part time"
    F2 = "F2", "Other education, full time"
    P2 = "P2", "Other education, part time"
    F4 = "F4", "Apprenticeship, full time"
    P4 = "P4", "Apprenticeship, part time"
    F5 = "F5", "Training or employment, full time"
    P5 = "P5", "Training or employment, part time"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"
    UNKNOWN = "0", "Not known or not recorded"


# Where a care leaver lives (OC3 ACCOM): a letter, then 1 (suitable) or 2 (not suitable).
# No fixed abode (S) and custody (X) are never suitable, so S1 and X1 do not exist (rule 133).
ACCOMMODATION_PLACES = {
    "B": "With parents or relatives",
    "C": "Community home or other residential care",
    "D": "Semi-independent, transitional (supported hostel, trainer flat)",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings",
    "R": "Residence not known",
    "S": "No fixed abode or homeless",
    "T": "Foyer",
    "U": "Independent living (own tenancy)",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carers (Staying Put)",
}
NEVER_SUITABLE = frozenset({"S", "X"})
CareLeaverAccommodation = models.TextChoices(
    "CareLeaverAccommodation",
    [
        (f"{letter}{mark}", (f"{letter}{mark}", f"{place}: {word}"))
        for letter, place in ACCOMMODATION_PLACES.items()
        for mark, word in (("1", "suitable"), ("2", "not suitable"))
        if not (mark == "1" and letter in NEVER_SUITABLE)
    ]
    + [("UNKNOWN", ("0", "Not known or not recorded"))],
)


def accommodation_code(letter: str, suitable: bool | None) -> str:
    """The OC3 ACCOM code for a place and whether it is suitable ("0" when either is unknown)."""
    if not letter or suitable is None and letter not in NEVER_SUITABLE:
        return "0"
    return f"{letter}{'1' if suitable and letter not in NEVER_SUITABLE else '2'}"


class AdoptionDecisionEnded(models.TextChoices):
    """Why a decision that the child should be placed for adoption ended (REASON_PLACED_CEASED)."""

    E11 = "E11", "Adopted (application unopposed)"
    E12 = "E12", "Adopted (consent dispensed with)"
    RD1 = "RD1", "The council's decision changed"
    RD2 = "RD2", "The child's needs changed"
    RD3 = "RD3", "The court did not make a placement order"
    RD4 = "RD4", "Prospective adopters could not be found"


class AdoptersSex(models.TextChoices):
    M1 = "M1", "One adopter, male"
    F1 = "F1", "One adopter, female"
    MM = "MM", "Two adopters, both male"
    FF = "FF", "Two adopters, both female"
    MF = "MF", "Two adopters, male and female"


class AdoptersLegalStatus(models.TextChoices):
    L0 = "L0", "Single person"
    L11 = "L11", "Married couple of different sexes"
    L12 = "L12", "Married couple of the same sex"
    L2 = "L2", "Civil partners"
    L3 = "L3", "Unmarried couple of different sexes"
    L4 = "L4", "Unmarried couple of the same sex"


# Councils in the old three-digit DfE codes, for where a previous permanence order was made
# (LA_PERM, rule 633), and the codes for outside England.
_LA_CODES = (
    "800 889 822 301 304 303 330 825 837 302 846 370 350 890 867 380 305 801 351 873 823 895 "
    "896 381 909 202 908 331 306 841 830 831 878 371 835 332 840 307 308 811 881 845 390 916 "
    "203 876 850 311 204 884 312 205 313 805 919 310 309 420 921 206 207 886 810 382 314 340 "
    "888 208 856 383 855 209 925 341 201 821 352 806 887 826 315 929 812 391 926 892 813 802 "
    "928 891 392 316 815 353 931 879 836 851 874 807 354 317 870 318 372 857 333 935 343 803 "
    "373 342 893 356 355 871 394 334 933 882 936 861 852 319 860 808 393 866 210 357 894 883 "
    "880 358 211 937 869 320 359 865 384 335 336 212 868 872 885 344 877 213 938 816 999 "
    "WAL SCO NUK NIR"
)
PREVIOUS_PERMANENCE_LA_CODES = frozenset(_LA_CODES.split())
