"""Made-up names for synthetic people, homes and providers."""

FIRST_NAMES = [
    "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Muhammad", "Jack", "Charlie", "Oscar",
    "Jacob", "Henry", "Thomas", "Freddie", "Alfie", "Theo", "William", "Theodore", "Archie",
    "Joshua", "Alexander", "James", "Isaac", "Edward", "Lucas", "Tommy", "Finley", "Max", "Logan",
    "Ethan", "Mason", "Kai", "Tyler", "Reece", "Callum", "Connor", "Jayden", "Dylan", "Bilal",
    "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
    "Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
    "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Maya",
    "Amira", "Aaliyah", "Zara", "Hannah", "Jade", "Chloe", "Ruby", "Nadia", "Tasha", "Maisie",
]  # fmt: skip

SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Hussain", "Khan", "Ali", "Ahmed", "Begum", "Patel", "Shah", "Mensah",
    "Okafor", "Nowak", "Kowalski", "Campbell", "Murphy", "Kelly", "Sutcliffe", "Hartley",
    "Holmes", "Booth", "Firth", "Ackroyd", "Lister", "Pearson", "Marsh", "Parkin", "Dawson",
    "Fenwick", "Thornton", "Brook", "Clayton", "Baxter", "Moore", "Hughes", "Lawson", "Cooper",
]  # fmt: skip

_PLACE_WORDS = [
    "Ash", "Beech", "Birch", "Hawthorn", "Holly", "Oak", "Rowan", "Willow", "Elm", "Cedar",
    "Meadow", "Brook", "Moor", "Beck", "Dale", "Fold", "Grange", "Heath", "Lea", "Ridge",
]  # fmt: skip
_PLACE_KINDS = ["House", "Lodge", "View", "Court", "Cottage", "Place"]
_PROVIDERS = ["Evergreen Care Ltd", "Northern Horizons Care", "Pennine Children's Services",
              "Brighter Futures Homes", "Calder Valley Care", "Dales Residential Ltd"]  # fmt: skip
_AGENCIES = ["Horizon Fostering", "Foster Care Associates", "Compass Fostering",
             "Yorkshire Fostering Partnership", "Family Placement Trust"]  # fmt: skip


def person(rng) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(SURNAMES)


def surname(rng) -> str:
    return rng.choice(SURNAMES)


def place(rng) -> str:
    return f"{rng.choice(_PLACE_WORDS)} {rng.choice(_PLACE_KINDS)}"


def provider(rng) -> str:
    return rng.choice(_PROVIDERS)


def agency(rng) -> str:
    return rng.choice(_AGENCIES)
