"""A council's 2025-26 return written by hand for the import tests, with last year's rows for
the care leaver's history, and the places and people it names set up as a council would before
importing: its homes (a Safe Space home, a children's home, a home out of area), its carer
households (foster, kinship) and its social worker.

- RT0001: a Safe Space stay, then foster care;
- RT0002: back home (E4A) from a children's home;
- RT0003: placed out of area (Manchester) under an interim care order made full while she
  stayed (RNE L), missing for a night;
- RT0004: with family and friends (kinship, U3);
- RT0005: a care leaver of 19 with an OC3 row, who left care on his 18th birthday last year;
- RT0006: an unaccompanied asylum-seeking child (no home postcode; UASC until 18).
"""

from accounts.models import Role
from carers.models import CarerType
from core.upn import make
from homes.models import Provision
from tests.factories import CarerHouseholdFactory, HomeFactory, UserFactory, home_type

THIS_YEAR = {
    "Header.csv": f"""CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
RT0001,F,02/03/2011,WBRI,{make("380120100001")},0,
RT0002,M,20/08/2010,MWBC,{make("380120100002")},,
RT0003,F,11/11/2009,WBRI,{make("380120100003")},0,
RT0004,F,14/02/2013,BCRB,{make("380120100004")},0,
RT0005,M,01/10/2006,WBRI,{make("380120100005")},,
RT0006,M,01/09/2009,AOTH,UN2,,
""",
    "Episodes.csv": """CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
RT0001,10/05/2025,S,V2,N4,K2,PR1,01/06/2025,X1,CARPL,LS9 6LA,LS14 6ZS,SC521698
RT0001,01/06/2025,P,V2,N4,U6,PR1,,,,LS9 6LA,LS8 3QW,SC054321
RT0002,01/07/2025,S,V2,N5,K2,PR1,20/10/2025,E4A,,LS11 1ER,LS16 6SG,SC529617
RT0003,05/04/2025,S,C1,N1,K2,PR4,01/09/2025,X1,,LS12 6XA,M14 7LJ,SC561293
RT0003,01/09/2025,L,C2,N1,K2,PR4,,,,LS12 6XA,M14 7LJ,SC561293
RT0004,01/08/2025,S,C2,N1,U3,PR1,,,,LS15 7AF,LS13 1RA,SC054321
RT0006,01/12/2025,S,V2,N8,K2,PR1,,,,,LS16 6SG,SC529617
""",
    "Reviews.csv": """CHILD,DOB,REVIEW,REVIEW_CODE
RT0001,02/03/2011,05/06/2025,PN1
RT0002,20/08/2010,28/07/2025,PN1
RT0003,11/11/2009,30/04/2025,PN2
RT0003,11/11/2009,25/07/2025,PN2
RT0004,14/02/2013,26/08/2025,PN1
RT0006,01/09/2009,29/12/2025,PN3
""",
    "UASC.csv": """CHILD,SEX,DOB,DUC
RT0006,M,01/09/2009,01/09/2027
""",
    "OC3.csv": """CHILD,DOB,IN_TOUCH,ACTIV,ACCOM
RT0005,01/10/2006,YES,F2,D1
""",
    "Missing.csv": """CHILD,DOB,MISSING,MIS_START,MIS_END
RT0003,11/11/2009,M,10/11/2025,11/11/2025
""",
    "PrevPerm.csv": """CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM
RT0001,02/03/2011,Z1,,
RT0002,20/08/2010,Z1,,
RT0003,11/11/2009,P2,383,09/02/2019
RT0004,14/02/2013,Z1,,
RT0006,01/09/2009,Z1,,
""",
    "SWEpisodes.csv": """CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON
RT0001,02/03/2011,SW100001,10/05/2025,,FCONTA
RT0002,20/08/2010,SW100001,01/07/2025,,FCONTA
RT0003,11/11/2009,SW100001,05/04/2025,,FCONTA
RT0004,14/02/2013,SW100001,01/08/2025,,FCONTA
RT0006,01/09/2009,SW100001,01/12/2025,,FCONTA
""",
}

LAST_YEAR = {
    "Header.csv": f"""CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
RT0005,M,01/10/2006,WBRI,{make("380120100005")},,
""",
    "Episodes.csv": """CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
RT0005,01/03/2020,S,C2,N1,U4,PR1,01/10/2024,E17,,LS10 3DD,LS8 3QW,SC054321
""",
    "SWEpisodes.csv": """CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON
RT0005,01/10/2006,SW100001,01/03/2020,,FCONTA
""",
}


def write(folder, files: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def set_up_the_council():
    """The homes, households and people the return names, and the administrator who imports."""
    HomeFactory(home_type=home_type("safe-space"), postcode="LS14 6ZS", ofsted_urn="SC521698")
    HomeFactory(home_type=home_type("residential"), postcode="LS16 6SG", ofsted_urn="SC529617")
    HomeFactory(home_type=home_type("residential"), postcode="M14 7LJ", ofsted_urn="SC561293",
                provision=Provision.EXTERNAL)  # fmt: skip
    CarerHouseholdFactory(postcode="LS8 3QW", urn="SC054321")
    CarerHouseholdFactory(carer_type=CarerType.KINSHIP, postcode="LS13 1RA", urn="SC054321")
    UserFactory(username="worker", role=Role.SOCIAL_WORKER, swe_registration="SW100001")
    return UserFactory(username="importer", role=Role.ADMINISTRATOR)
