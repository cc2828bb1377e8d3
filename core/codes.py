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
    J2 = "J2", "Under police protection and in local authority accommodation (PACE)"
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
    Z11 = "Z11", "Other placement (Z11)"
    Z12 = "Z12", "Other placement (Z12)"
    Z13 = "Z13", "Other placement (Z13)"
    Z14 = "Z14", "Other placement (Z14)"


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
